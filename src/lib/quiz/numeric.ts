import type { NumericCard } from '$lib/decks/types';

/** Scale words a student may write after a number ("38 billion", "38bn"). */
const SCALES: Record<string, number> = {
	thousand: 1e3,
	k: 1e3,
	million: 1e6,
	mn: 1e6,
	mln: 1e6,
	billion: 1e9,
	bn: 1e9,
	trillion: 1e12,
	tn: 1e12
};

/** A written form of the card's unit: its words, and the scale it carries ("billion ..." = 1e9). */
interface UnitForm {
	words: string[];
	scale: number;
	base: string[];
}

const singular = (word: string) =>
	word.length <= 3 || word.endsWith('ss')
		? word
		: word
				.replace(/ies$/, 'y')
				.replace(/(ch|sh|x)es$/, '$1')
				.replace(/s$/, '');

/** Unit text as comparable words: "Billion Cubic Meters" -> ["billion", "cubic", "meter"]. */
export function unitWords(text: string): string[] {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/%/g, ' percent ')
		.replace(/\bper cent\b/g, 'percent')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.split(' ')
		.filter((w) => w !== '' && w !== 'the' && w !== 'a' && w !== 'an')
		.map(singular);
}

function unitForms(card: NumericCard): { unitScale: number; forms: UnitForm[] } {
	const main = unitWords(card.unit);
	const unitScale = SCALES[main[0] ?? ''] ?? 1;
	const forms = [card.unit, ...card.unitAliases].map((text): UnitForm => {
		const words = unitWords(text);
		const written = SCALES[words[0] ?? ''];
		// An alias without a scale word ("bcm") stands for the whole unit, scale included.
		return written === undefined
			? { words, scale: unitScale, base: words }
			: { words, scale: written, base: words.slice(1) };
	});
	return { unitScale, forms: forms.filter((f) => f.words.length > 0) };
}

const startsWith = (words: string[], prefix: string[]) => prefix.every((w, i) => words[i] === w);
/** "cubic meter" fits "cubic meter", "cubic" (cut short) and "cubic meter per year" (qualified). */
const fits = (words: string[], base: string[]) =>
	base.length > 0 && (startsWith(words, base) || startsWith(base, words));
const mentionsDollars = (forms: UnitForm[]) =>
	forms.some((f) => f.words.some((w) => w === 'dollar' || w === 'usd'));

const NUMBER = /^([-+\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)?(?:[.,](\d+))?/;
const CURRENCY = /^(?:us\s*\$|usd\s|\$)\s*/i;

/** A typed number: its value, the words after it and whether it had a dollar sign. */
export function parseNumberAnswer(
	text: string
): { n: number; words: string[]; dollars: boolean } | null {
	let rest = text.normalize('NFKC').trim();
	let dollars = false;
	const currency = CURRENCY.exec(rest);
	if (currency) [dollars, rest] = [true, rest.slice(currency[0].length)];
	const match = NUMBER.exec(rest);
	if (!match || (match[2] === undefined && match[3] === undefined)) return null;
	const [whole, sign, int = '0', fraction = '0'] = match;
	const n = Number(`${int.replace(/,/g, '')}.${fraction}`) * (sign === '' || sign === '+' ? 1 : -1);
	rest = rest.slice(whole.length);
	if (rest.includes('$')) [dollars, rest] = [true, rest.replace(/\$/g, ' ')];
	return { n, words: unitWords(rest), dollars };
}

/**
 * Reads a typed numeric answer in the card's unit terms, or returns null when it is not a number
 * or names a unit that does not fit. Scale words count relative to the unit: for "billion cubic
 * meters", "38 billion", "38 bcm" and "38,000,000,000" all mean 38. A bare number may be meant in
 * unit terms or in full, so both readings are returned.
 */
export function readNumericAnswer(text: string, card: NumericCard): number[] | null {
	const parsed = parseNumberAnswer(text);
	if (!parsed) return null;
	const { n, words, dollars } = parsed;
	const { unitScale, forms } = unitForms(card);
	if (dollars && !mentionsDollars(forms)) return null;
	if (words.length === 0) return [n, n / unitScale];
	// The unit as written, or cut short ("38 billion" for "billion cubic meters").
	const written = forms.find((f) => startsWith(words, f.words) || startsWith(f.words, words));
	if (written) return [(n * written.scale) / unitScale];
	const [first = '', ...rest] = words;
	const scale = SCALES[first];
	if (scale !== undefined)
		return rest.length === 0 || forms.some((f) => fits(rest, f.base))
			? [(n * scale) / unitScale]
			: null;
	return forms.some((f) => fits(words, f.base)) ? [n, n / unitScale] : null;
}

/** Whether a value is within the card's tolerance, edges included (with room for float error). */
export function withinTolerance(value: number, card: NumericCard): boolean {
	const slack = 1e-9 * Math.max(1, Math.abs(card.value));
	return Math.abs(value - card.value) <= card.tolerance + slack;
}
