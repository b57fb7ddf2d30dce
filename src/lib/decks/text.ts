/**
 * Normalises text for quote matching: typographic quotes and dashes become plain ones and runs of
 * whitespace become one space. Nothing else changes, so a quote still has to be exact.
 */
export function normalizeText(text: string): string {
	return normalizeInline(text).trim();
}

/** {@link normalizeText} without trimming, for measuring offsets inside a longer text. */
export function normalizeInline(text: string): string {
	return text
		.replace(/[\u2018\u2019\u201B\u2032]/g, "'")
		.replace(/[\u201C\u201D\u201F\u2033]/g, '"')
		.replace(/[\u2013\u2014\u2212]/g, '-')
		.replace(/\s+/g, ' ');
}

/** Escapes the characters a regular expression gives a meaning to. */
export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a name (normalised, lower-cased) stands as whole words in an already lower-cased text. */
export function hasWords(lowered: string, name: string): boolean {
	const key = escapeRegExp(normalizeText(name).toLowerCase());
	return new RegExp(`(?<![a-z0-9])${key}(?![a-z0-9])`).test(lowered);
}

/**
 * Splits a paragraph into sentences: a stop (with any closing quote or bracket) followed by space
 * and a capital letter or opening quote. Abbreviations followed by a lower-case word ("the U.S.
 * government") stay inside their sentence.
 */
export function splitSentences(paragraph: string): string[] {
	return paragraph
		.split(/(?<=[.!?]["\u201D')]?)\s+(?=["\u201C(]?[A-Z])/)
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}

/** A slug of a short text: lower-case ASCII letters, digits and hyphens. */
export function slugify(text: string): string {
	return normalizeText(text)
		.toLowerCase()
		.replace(/\$/g, 'usd-')
		.replace(/%/g, '-percent')
		.replace(/\./g, '-')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** A short, stable content hash (two 32-bit FNV-1a passes), as 16 hex digits. */
export function contentHash(text: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193 ^ 0x5bd1e995;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193) >>> 0;
		b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
		b = (b ^ (b >>> 15)) >>> 0;
	}
	return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
