const ARTICLES = new Set(['the', 'a', 'an']);

/**
 * Normalises a typed answer for tolerant comparison: diacritics stripped (NFD, marks removed),
 * lower case, punctuation dropped, the articles "the", "a" and "an" removed wherever they stand as
 * words, whitespace collapsed. A decimal point between digits is kept so "10.9" never becomes "109";
 * a thousands comma is dropped so "38,000" equals "38000".
 */
export function normalizeAnswer(text: string): string {
	const plain = text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/(?<=\d),(?=\d{3}\b)/g, '')
		// A private-use placeholder shields the decimal point from the punctuation pass.
		.replace(/(?<=\d)\.(?=\d)/g, '\uE000')
		// Apostrophes and dots join their word ("Russia's", "U.S."); other punctuation splits words.
		.replace(/['\u2018\u2019.]/g, '')
		.replace(/[^\p{L}\p{N}\uE000]+/gu, ' ')
		.replace(/\uE000/g, '.');
	return plain
		.split(' ')
		.filter((word) => word !== '' && !ARTICLES.has(word))
		.join(' ');
}

/**
 * How many typos (Levenshtein edits) an answer of this normalised length forgives: none up to 3
 * characters, 1 up to 7, 2 up to 14, 3 beyond.
 */
export function allowedTypos(length: number): number {
	if (length <= 3) return 0;
	if (length <= 7) return 1;
	if (length <= 14) return 2;
	return 3;
}

/** The runs of digits in a text, in order ("in 1891" -> ["1891"]); numbers get no typo tolerance. */
export function digitRuns(text: string): string[] {
	return text.match(/\d+(?:\.\d+)?/g) ?? [];
}

/**
 * Splits a list answer ("Gazprom and Rosneft", "oil, gas") into its items, each normalised; a
 * text with one item gives one.
 */
export function listItems(text: string): string[] {
	return text
		.split(/,|;|\/|&|\band\b/i)
		.map(normalizeAnswer)
		.filter((item) => item !== '');
}
