import type { Card, ClozeCard, NumericCard, OrderingCard } from '$lib/decks/types';
import { readNumericAnswer, withinTolerance } from './numeric';
import { orderedPairs } from './order';
import { gradeTypedAnswer } from './text';
import type { DiffPart, GradeResult, QuizResponse } from './types';

export type { BlankGrade, DiffPart, GradeResult, QuizKind, QuizResponse } from './types';

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
		blanks
	};
}

function gradeNumber(card: NumericCard, { text }: Response<'number'>): GradeResult {
	const readings = readNumericAnswer(text, card) ?? [];
	const correct = readings.some((value) => withinTolerance(value, card));
	return { correct, score: correct ? 1 : 0, expected: card.answer, given: text };
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

/** The response narrowed to the kind the card takes, or a {@link QuizResponseKindError}. */
function expectKind<K extends QuizResponse['kind']>(
	card: Card,
	response: QuizResponse,
	kind: K
): Response<K> {
	if (response.kind !== kind) throw new QuizResponseKindError(card.id, kind, response.kind);
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
 * (see {@link gradeTypedAnswer}); numbers within the card's tolerance and in a unit that fits;
 * orderings with partial credit by pairs; multiple choice and true/false exactly. Throws a
 * {@link QuizResponseKindError} when the response is not of the kind `quizKind(card)` gives.
 */
export function gradeResponse(card: Card, response: QuizResponse): GradeResult {
	switch (card.type) {
		case 'mcq': {
			const { option } = expectKind(card, response, 'choice');
			return exact(option === card.options[0], card.options[0] ?? card.answer, option);
		}
		case 'truefalse': {
			const { value } = expectKind(card, response, 'truefalse');
			const label = (v: boolean) => (v ? 'True' : 'False');
			return exact(value === card.statementIsTrue, label(card.statementIsTrue), label(value));
		}
		case 'basic':
		case 'typed': {
			const { text } = expectKind(card, response, 'text');
			const accepted = card.type === 'typed' ? card.accepted : [];
			const grade = gradeTypedAnswer(text, card.answer, accepted);
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
