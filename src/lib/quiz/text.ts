// The character diff alone: the package's index pulls in every diff it has (word, line, JSON...).
import { diffChars } from 'diff/lib/diff/character.js';
import { distance } from 'fastest-levenshtein';
import type { KeyTerms } from '$lib/decks/types';
import { allowedTypos, digitRuns, listItems, normalizeAnswer } from './normalize';
import { MAX_ANSWER_CHARS } from './limits';
import type { BlankGrade, DiffPart } from './types';

/** A key-term answer may run to this many times the words of the longest accepted answer. */
const KEY_TERM_WORDS_FACTOR = 3;
const KEY_TERM_MIN_WORDS = 15;
/** Words that turn a statement round: an answer with one the card's answer lacks is no match. */
const NEGATIONS = new Set([
	'not',
	'no',
	'never',
	'nor',
	'neither',
	'none',
	'cannot',
	'cant',
	'didnt',
	'doesnt',
	'dont',
	'wasnt',
	'werent',
	'isnt',
	'arent',
	'wont',
	'wouldnt'
]);

/** A character diff from `given` to `expected`, keeping only the flags that are set. */
export function characterDiff(given: string, expected: string): DiffPart[] {
	return diffChars(given, expected).map(({ value, added, removed }) => ({
		value,
		...(added ? { added } : {}),
		...(removed ? { removed } : {})
	}));
}

const sameNumbers = (a: string, b: string) => digitRuns(a).join(' ') === digitRuns(b).join(' ');
const squeeze = (text: string) => text.replace(/ /g, '');
/**
 * Within typo distance of a candidate, and plausibly a typo word by word: each word the same or a
 * slip within its own allowance that keeps its first letter. So "Gazpromm" passes for "Gazprom",
 * but "coal and natural gas" is no typo of "oil and natural gas", nor "Eastern" of "Western".
 */
function withinTypos(typed: string, candidate: string): boolean {
	if (distance(typed, candidate) > allowedTypos(candidate.length)) return false;
	const typedWords = typed.split(' ');
	const words = candidate.split(' ');
	// A word split or joined ("trans siberian"): the whole answer's allowance decides.
	if (typedWords.length !== words.length) return true;
	return typedWords.every((w, i) => {
		const word = words[i]!;
		return w === word || (w[0] === word[0] && distance(w, word) <= allowedTypos(word.length));
	});
}

/** How one typed item matches one expected item: exactly, within a typo, or not at all. */
function itemMatch(typed: string, expected: string): 'exact' | 'typo' | null {
	if (typed === expected || squeeze(typed) === squeeze(expected)) return 'exact';
	return withinTypos(typed, expected) && sameNumbers(typed, expected) ? 'typo' : null;
}

/**
 * Whether the typed items are the candidate's items in any order (a one-to-one match, each item
 * exactly or within its own typo allowance): "Gazprom and Rosneft" for "Rosneft and Gazprom".
 */
function listMatch(typedItems: string[], expectedItems: string[]): 'exact' | 'typo' | null {
	if (expectedItems.length < 2 || typedItems.length !== expectedItems.length) return null;
	const left = [...expectedItems];
	let typo = false;
	for (const item of typedItems) {
		const exact = left.findIndex((e) => itemMatch(item, e) === 'exact');
		const at = exact !== -1 ? exact : left.findIndex((e) => itemMatch(item, e) === 'typo');
		if (at === -1) return null;
		if (exact === -1) typo = true;
		left.splice(at, 1);
	}
	return typo ? 'typo' : 'exact';
}

/**
 * Whether a key term (one of its alternatives) stands in the typed words: as a run of words, a
 * longer word it begins ("Japan" in "Japanese", from five letters on), or within its typo allowance
 * (never for a number or a term of three letters or fewer).
 */
function findTerm(words: string[], alternatives: string[]): 'exact' | 'typo' | null {
	let typo = false;
	for (const raw of alternatives) {
		const alt = normalizeAnswer(raw);
		if (alt === '') continue;
		const altWords = alt.split(' ');
		const n = altWords.length;
		for (let i = 0; i + n <= words.length; i++) {
			const run = words.slice(i, i + n);
			const text = run.join(' ');
			if (text === alt) return 'exact';
			const last = altWords[n - 1]!;
			const inflected =
				last.length >= 5 &&
				!/\d/.test(last) &&
				run.slice(0, -1).join(' ') === altWords.slice(0, -1).join(' ') &&
				run[n - 1]!.startsWith(last);
			if (inflected) return 'exact';
			if (digitRuns(alt).length === 0 && digitRuns(text).length === 0 && withinTypos(text, alt))
				typo = true;
		}
		// A squeezed alternative ("good neighborliness" run "goodneighborliness").
		if (n > 1 && words.includes(squeeze(alt))) return 'exact';
	}
	return typo ? 'typo' : null;
}

/**
 * Grades an answer by its key terms: every term must be there, in any order. An answer that negates
 * what the card's answer does not ("did not protect"), or that runs far longer than any accepted
 * answer (a pasted paragraph), is not accepted this way.
 */
function gradeKeyTerms(
	typed: string,
	candidates: string[],
	keyTerms: KeyTerms
): { match: 'exact' | 'typo' | null; missing: string[] } {
	const words = typed.split(' ');
	const longest = Math.max(...candidates.map((c) => c.split(' ').length), 1);
	const limit = Math.max(KEY_TERM_MIN_WORDS, KEY_TERM_WORDS_FACTOR * longest);
	const negated = words.some(
		(w) => NEGATIONS.has(w) && !candidates.some((c) => c.split(' ').includes(w))
	);
	let typo = false;
	const missing: string[] = [];
	for (const term of keyTerms) {
		const found = findTerm(words, term);
		if (found === null) missing.push(term[0] ?? '');
		if (found === 'typo') typo = true;
	}
	if (missing.length > 0 || negated || words.length > limit) return { match: null, missing };
	return { match: typo ? 'typo' : 'exact', missing };
}

export interface TypedAnswerOptions {
	/** Terms a right answer must contain (each a list of alternatives), in any order. */
	keyTerms?: KeyTerms;
}

/**
 * Grades a typed answer against the expected answer and its accepted alternatives (all compared
 * after {@link normalizeAnswer}): right when it is one of them, the same but for spaces ("Xi Jin
 * Ping" for "Xi Jinping"), the same list in another order ("Gazprom and Rosneft"), or, for a card
 * with key terms, when it holds every term. A small typo, scaled to the length of the alternative
 * it is closest to, still counts as right but is flagged as a near miss; a number typed
 * differently ("1896" for "1891") is never forgiven. A diff is given only for an answer within
 * typo distance of an accepted one (a near miss, or a number one digit off), never for an answer
 * that is simply different. Empty and over-long answers are wrong, with the reason.
 */
export function gradeTypedAnswer(
	given: string,
	expected: string,
	accepted: string[],
	options: TypedAnswerOptions = {}
): BlankGrade {
	const display = { expected, given };
	if (given.length > MAX_ANSWER_CHARS) return { ...display, correct: false, reason: 'too-long' };
	const typed = normalizeAnswer(given);
	const raw = [expected, ...accepted].filter((c) => normalizeAnswer(c) !== '');
	const candidates = raw.map(normalizeAnswer);
	if (typed === '') return { ...display, correct: false, reason: 'empty' };
	if (
		candidates.some((c) => c === typed || (squeeze(c) === squeeze(typed) && sameNumbers(c, typed)))
	)
		return { ...display, correct: true };

	const typedItems = listItems(given);
	let listTypo = false;
	for (const candidate of raw) {
		const match = listMatch(typedItems, listItems(candidate));
		if (match === 'exact') return { ...display, correct: true };
		if (match === 'typo') listTypo = true;
	}

	let closest = candidates[0] ?? '';
	let closestDistance = Infinity;
	let forgiven: string | undefined;
	let forgivenDistance = Infinity;
	for (const candidate of candidates) {
		const d = distance(typed, candidate);
		if (d < closestDistance) [closest, closestDistance] = [candidate, d];
		const forgivable = withinTypos(typed, candidate) && sameNumbers(typed, candidate);
		if (forgivable && d < forgivenDistance) [forgiven, forgivenDistance] = [candidate, d];
	}
	if (forgiven !== undefined)
		return { ...display, correct: true, nearMiss: true, diff: characterDiff(typed, forgiven) };
	if (listTypo) return { ...display, correct: true, nearMiss: true };

	if (options.keyTerms && options.keyTerms.length > 0) {
		const { match, missing } = gradeKeyTerms(typed, candidates, options.keyTerms);
		if (match === 'exact') return { ...display, correct: true };
		if (match === 'typo') return { ...display, correct: true, nearMiss: true };
		if (missing.length > 0 && missing.length < options.keyTerms.length)
			return { ...display, correct: false, missingTerms: missing };
	}
	const near = closestDistance <= allowedTypos(closest.length);
	return { ...display, correct: false, ...(near ? { diff: characterDiff(typed, closest) } : {}) };
}
