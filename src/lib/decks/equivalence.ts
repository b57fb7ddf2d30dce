import type { Entity } from './schema';
import { normalizeText } from './text';

/** What a figure measures; figures of one dimension compare after converting their units. */
export type Dimension = 'money' | 'percent' | 'duration' | 'volume' | 'count' | 'year' | 'plain';

export interface Quantity {
	dimension: Dimension;
	/** In the dimension's base unit: dollars, percent points, years, cubic metres, people. */
	value: number;
	/** The unit as written, normalised ("decade", "bcm"), empty for a bare number. */
	unit: string;
	/** The number as written, before scale and unit ("three decades" -> 3). */
	written: number;
}

const SMALL: Record<string, number> = {
	zero: 0,
	one: 1,
	a: 1,
	an: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
	seventeen: 17,
	eighteen: 18,
	nineteen: 19,
	twenty: 20,
	thirty: 30,
	forty: 40,
	fifty: 50,
	sixty: 60,
	seventy: 70,
	eighty: 80,
	ninety: 90,
	hundred: 100,
	dozen: 12
};
const SCALES: Record<string, number> = {
	thousand: 1e3,
	million: 1e6,
	m: 1e6,
	mn: 1e6,
	billion: 1e9,
	bn: 1e9,
	trillion: 1e12,
	tn: 1e12
};
const CUBIC_FOOT = 0.0283168;
/** Units: dimension and size in the dimension's base unit. */
const UNITS: [RegExp, Dimension, number][] = [
	[/^(?:%|percent|per cent)$/, 'percent', 1],
	[/^(?:dollars?|usd)$/, 'money', 1],
	[/^years?$/, 'duration', 1],
	[/^decades?$/, 'duration', 10],
	[/^centur(?:y|ies)$/, 'duration', 100],
	[/^months?$/, 'duration', 1 / 12],
	[/^bcm$/, 'volume', 1e9],
	[/^tcf$/, 'volume', 1e12 * CUBIC_FOOT],
	[/^cubic (?:meters?|metres?)$/, 'volume', 1],
	[/^cubic (?:feet|foot)$/, 'volume', CUBIC_FOOT],
	[/^(?:people|persons?|troops|soldiers)$/, 'count', 1]
];
const WORD = Object.keys(SMALL).join('|');
const NUMBER = `(?:\\d+(?:\\.\\d+)?|(?:${WORD})(?:[ -](?:${WORD}))?(?: and a half)?|half an?|half)`;
const SCALE = `(?:${Object.keys(SCALES).join('|')})`;
const UNIT = `(?:%|percent|per cent|dollars?|usd|years?|decades?|centur(?:y|ies)|months?|bcm|tcf|cubic (?:meters?|metres?|feet|foot)|people|persons?|troops|soldiers)`;
const QUANTITY = new RegExp(
	`^(?:(?:about|around|almost|nearly|over|some|roughly|approximately|just|more than|less than|up to|under|only)\\s+)?(us\\$|\\$)?\\s?(${NUMBER})(?:\\s?(${SCALE})\\b)?(?:\\s?(${UNIT}))?(?:\\s+(?:of\\s+)?[a-z]+){0,3}$`
);

function wordNumber(text: string): number | undefined {
	if (/^\d/.test(text)) return Number(text);
	if (text.startsWith('half')) return 0.5;
	const half = text.endsWith(' and a half') ? 0.5 : 0;
	const words = text.replace(/ and a half$/, '').split(/[ -]/);
	let value = 0;
	for (const w of words) {
		const n = SMALL[w];
		if (n === undefined) return undefined;
		value = n === 100 ? Math.max(value, 1) * 100 : value + n;
	}
	return value + half;
}

/**
 * Reads a short answer as a quantity ("$69.6 billion", "three decades", "38 bcm", "30%", "1896"),
 * or undefined when the text is not one (a name, a sentence).
 */
export function quantityOf(text: string): Quantity | undefined {
	const t = normalizeText(text)
		.toLowerCase()
		.replace(/(\d),(?=\d{3})/g, '$1')
		.replace(/[.!?]$/, '');
	if (/^\d{4}s$/.test(t))
		return {
			dimension: 'year',
			value: Number(t.slice(0, 4)),
			unit: 's',
			written: Number(t.slice(0, 4))
		};
	const m = QUANTITY.exec(t);
	if (!m) return undefined;
	const written = wordNumber(m[2] ?? '');
	if (written === undefined) return undefined;
	const scale = m[3] ? (SCALES[m[3]] ?? 1) : 1;
	const unitText = m[4] ?? (m[1] ? 'dollars' : '');
	if (!unitText) {
		// "a" or "half" alone is a word, not a figure
		if (/^(?:an?|half(?: an?)?)$/.test(m[2] ?? '') && !m[3]) return undefined;
		if (!m[3] && /^(?:1[6-9]\d\d|20\d\d)$/.test(m[2] ?? '')) {
			return { dimension: 'year', value: written, unit: '', written };
		}
		return { dimension: 'plain', value: written * scale, unit: '', written };
	}
	const unit = UNITS.find(([re]) => re.test(unitText));
	if (!unit) return undefined;
	const [, dimension, size] = unit;
	const unitKey = unitText.replace(/s$/, '').replace(/^centurie$/, 'century');
	return { dimension, value: written * scale * size, unit: unitKey, written };
}

/** A name's comparison key: lower-case, no leading article, no punctuation. */
export function textKey(text: string): string {
	return normalizeText(text)
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s$%]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^(?:the|a|an) /, '');
}

/** Every name and alias of the entities a text names exactly (the text is one of its names). */
export function entityNamesOf(text: string, entities: readonly Entity[]): string[] {
	const key = textKey(text);
	return entities
		.filter((e) => [e.name, ...e.aliases].some((n) => textKey(n) === key))
		.flatMap((e) => [e.name, ...e.aliases]);
}

const close = (a: number, b: number, tolerance: number) =>
	Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));

/**
 * Whether two answers say the same thing: the same words, names of the same entity, or the same
 * quantity in another unit or wording (38 bcm and 1.3 tcf, 30 years and three decades, "30" and
 * "30%", "three" and "3"). Years are equal only to the same year.
 */
export function equivalentAnswers(a: string, b: string, entities: readonly Entity[] = []): boolean {
	const ka = textKey(a);
	const kb = textKey(b);
	if (ka === '' || kb === '') return false;
	if (ka === kb) return true;
	const names = entityNamesOf(a, entities).map(textKey);
	if (names.includes(kb)) return true;
	const qa = quantityOf(a);
	const qb = quantityOf(b);
	if (!qa || !qb) return false;
	if (qa.dimension === 'year' || qb.dimension === 'year') {
		return qa.dimension === qb.dimension && qa.value === qb.value && qa.unit === qb.unit;
	}
	if (qa.dimension === 'plain' || qb.dimension === 'plain') return qa.written === qb.written;
	if (qa.dimension !== qb.dimension) return false;
	if (qa.unit === qb.unit) return close(qa.value, qb.value, 1e-9);
	return close(qa.value, qb.value, 0.05);
}
