import * as v from 'valibot';
import { QuizResponseShape } from '$lib/api/schemas';
import type { Card, ClozeCard, NumericCard, OrderingCard } from '$lib/decks/types';
import { parseNumberAnswer, readNumericAnswer, withinTolerance } from './numeric';
import { orderedPairs } from './order';
import { MAX_ANSWER_CHARS } from './limits';
import { gradeTypedAnswer } from './text';
import type { DiffPart, GradeResult, QuizResponse } from './types';

export type {
	BlankGrade,
	DiffPart,
	GradeReason,
	GradeResult,
	QuizKind,
	QuizResponse
} from './types';
export { MAX_ANSWER_CHARS };

/** Thrown when a response of one kind is graded against a card that asks for another. */
export class QuizResponseKindError extends Error {
	constructor(
		readonly cardId: string,
		readonly expectedKind: string,
		readonly givenKind: string
	) {
		super(`Card ${cardId} takes a "${expectedKind}" answer, not "${givenKind}"`);
		this.name = 'QuizResponseKindError';
	}
}

type Response<K extends QuizResponse['kind']> = Extract<QuizResponse, { kind: K }>;

function gradeCloze(card: ClozeCard, { texts }: Response<'blanks'>): GradeResult {
	const blanks = card.blanks.map((blank, i) =>
		gradeTypedAnswer(texts[i] ?? '', blank.answer, blank.accepted)
	);
	const right = blanks.filter((b) => b.correct).length;
	const correct = right === blanks.length;
	const nearMiss = correct && blanks.some((b) => b.nearMiss);
	const reason = blanks.some((b) => b.reason === 'too-long')
		? 'too-long'
		: blanks.length > 0 && blanks.every((b) => b.reason === 'empty')
			? 'empty'
			: undefined;
	const diffs = blanks.filter((b) => b.diff);
	// One diff for the whole cloze: each blank's diff, separated by an unchanged " / ".
	const diff = diffs.flatMap((b, i): DiffPart[] => [
		...(i > 0 ? [{ value: ' / ' }] : []),
		...b.diff!
	]);
	return {
		correct,
		score: blanks.length === 0 ? 1 : right / blanks.length,
		expected: blanks.map((b) => b.expected).join(' / '),
		given: blanks.map((b) => b.given).join(' / '),
		...(nearMiss ? { nearMiss } : {}),
		...(diff.length > 0 ? { diff } : {}),
		...(reason ? { reason } : {}),
		blanks
	};
}

function gradeNumber(card: NumericCard, { text }: Response<'number'>): GradeResult {
	const display = { score: 0, expected: card.answer, given: text };
	if (text.trim() === '') return { ...display, correct: false, reason: 'empty' };
	if (text.length > MAX_ANSWER_CHARS) return { ...display, correct: false, reason: 'too-long' };
	const readings = readNumericAnswer(text, card);
	if (readings === null) {
		const reason = parseNumberAnswer(text) === null ? 'not-a-number' : 'unit';
		return { ...display, correct: false, reason };
	}
	const correct = readings.some((value) => withinTolerance(value, card));
	return { ...display, correct, score: correct ? 1 : 0 };
}

function gradeOrder(card: OrderingCard, { events }: Response<'order'>): GradeResult {
	const pairs = orderedPairs(card.events, events);
	const correct =
		events.length === card.events.length && card.events.every((e, i) => events[i] === e);
	return {
		correct,
		score: pairs.total === 0 ? (correct ? 1 : 0) : pairs.correct / pairs.total,
		expected: card.events.join(' → '),
		given: events.join(' → '),
		pairs
	};
}

/**
 * The response narrowed to the kind the card takes, or a {@link QuizResponseKindError} (also for
 * a value that is not a well-formed response at all).
 */
function expectKind<K extends QuizResponse['kind']>(
	card: Card,
	response: QuizResponse,
	kind: K
): Response<K> {
	const value = response as unknown;
	if (typeof value !== 'object' || value === null)
		throw new QuizResponseKindError(card.id, kind, typeof value);
	const shaped = value as Record<string, unknown>;
	const given = typeof shaped.kind === 'string' ? shaped.kind : 'unknown';
	if (given !== kind) throw new QuizResponseKindError(card.id, kind, given);
	// The API's response shape is the one definition of well-formed (a stored or sent one may not be).
	if (!v.is(QuizResponseShape, value))
		throw new QuizResponseKindError(card.id, kind, `malformed ${given}`);
	return response as Response<K>;
}

const exact = (correct: boolean, expected: string, given: string): GradeResult => ({
	correct,
	score: correct ? 1 : 0,
	expected,
	given
});

/**
 * Grades one quiz answer. Typed answers (typed, basic, each cloze blank) are graded tolerantly
 * against the answer and its accepted forms, in any order for a list, by key terms where the card
 * has them (see {@link gradeTypedAnswer}); numbers within the card's tolerance and in a unit that
 * fits; orderings with partial credit by pairs; multiple choice and true/false exactly (an option
 * the card does not have is wrong). Throws a {@link QuizResponseKindError} when the response is
 * not a well-formed response of the kind `quizKind(card)` gives.
 */
export function gradeResponse(card: Card, response: QuizResponse): GradeResult {
	switch (card.type) {
		case 'mcq': {
			const { option } = expectKind(card, response, 'choice');
			const result = exact(option === card.options[0], card.options[0] ?? card.answer, option);
			return card.options.includes(option) ? result : { ...result, reason: 'unknown-option' };
		}
		case 'truefalse': {
			const { value } = expectKind(card, response, 'truefalse');
			const label = (v: boolean) => (v ? 'True' : 'False');
			return exact(value === card.statementIsTrue, label(card.statementIsTrue), label(value));
		}
		case 'basic':
		case 'typed': {
			const { text } = expectKind(card, response, 'text');
			const grade = gradeTypedAnswer(text, card.answer, card.accepted ?? [], {
				...(card.keyTerms ? { keyTerms: card.keyTerms } : {})
			});
			return { ...grade, score: grade.correct ? 1 : 0 };
		}
		case 'cloze':
			return gradeCloze(card, expectKind(card, response, 'blanks'));
		case 'numeric':
			return gradeNumber(card, expectKind(card, response, 'number'));
		case 'ordering':
			return gradeOrder(card, expectKind(card, response, 'order'));
	}
}

/**
 * Grades a stored or received answer that may not fit the card any more (a deck update changed
 * its type): never throws; a response of another kind is wrong, with the reason `wrong-kind`.
 */
export function gradeStoredResponse(card: Card, response: unknown): GradeResult {
	try {
		return gradeResponse(card, response as QuizResponse);
	} catch (error) {
		if (!(error instanceof QuizResponseKindError)) throw error;
		return { correct: false, score: 0, expected: card.answer, given: '', reason: 'wrong-kind' };
	}
}
