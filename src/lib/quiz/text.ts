// The character diff alone: the package's index pulls in every diff it has (word, line, JSON...).
import { diffChars } from 'diff/lib/diff/character.js';
import { distance } from 'fastest-levenshtein';
import { allowedTypos, digitRuns, normalizeAnswer } from './normalize';
import type { BlankGrade, DiffPart } from './types';

/** A character diff from `given` to `expected`, keeping only the flags that are set. */
export function characterDiff(given: string, expected: string): DiffPart[] {
	return diffChars(given, expected).map(({ value, added, removed }) => ({
		value,
		...(added ? { added } : {}),
		...(removed ? { removed } : {})
	}));
}

const sameNumbers = (a: string, b: string) => digitRuns(a).join(' ') === digitRuns(b).join(' ');

/**
 * Grades a typed answer against the expected answer and its accepted alternatives (all compared
 * after {@link normalizeAnswer}). A small typo, scaled to the length of the alternative it is
 * closest to, still counts as right but is flagged as a near miss with a diff; a number typed
 * differently ("1896" for "1891") is never forgiven as a typo.
 */
export function gradeTypedAnswer(given: string, expected: string, accepted: string[]): BlankGrade {
	const typed = normalizeAnswer(given);
	const candidates = [expected, ...accepted].map(normalizeAnswer).filter((c) => c !== '');
	const display = { expected, given };
	if (typed === '') return { ...display, correct: false };
	if (candidates.includes(typed)) return { ...display, correct: true };

	let closest = candidates[0] ?? '';
	let closestDistance = Infinity;
	let forgiven: string | undefined;
	let forgivenDistance = Infinity;
	for (const candidate of candidates) {
		const d = distance(typed, candidate);
		if (d < closestDistance) [closest, closestDistance] = [candidate, d];
		const forgivable = d <= allowedTypos(candidate.length) && sameNumbers(typed, candidate);
		if (forgivable && d < forgivenDistance) [forgiven, forgivenDistance] = [candidate, d];
	}
	if (forgiven !== undefined)
		return { ...display, correct: true, nearMiss: true, diff: characterDiff(typed, forgiven) };
	return { ...display, correct: false, diff: characterDiff(typed, closest) };
}
