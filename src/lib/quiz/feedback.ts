import type { Card, McqCard, OrderingCard, TrueFalseCard } from '$lib/decks/types';
import { optionOrder } from './choice-order';
import { quizKind } from './select';
import type { GradeResult } from './types';

export { studyChoices } from './choice-order';

/** One option of a choice question after checking: the student's pick and the right answer. */
export interface OptionMark {
	option: string;
	chosen: boolean;
	correct: boolean;
}

/** The options as the question showed them (seeded order), marked with the pick and the answer. */
export function choiceMarks(
	card: McqCard | TrueFalseCard,
	response: unknown,
	seed: number
): OptionMark[] {
	const r = (response ?? {}) as { kind?: unknown; option?: unknown; value?: unknown };
	if (card.type === 'mcq') {
		const picked = r.kind === 'choice' ? r.option : undefined;
		return optionOrder(card, seed).map((option) => ({
			option,
			chosen: option === picked,
			correct: option === card.options[0]
		}));
	}
	const picked = r.kind === 'truefalse' ? r.value : undefined;
	return [true, false].map((value) => ({
		option: value ? 'True' : 'False',
		chosen: picked === value,
		correct: value === card.statementIsTrue
	}));
}

/** One event of an ordering answer: where the student put it and where it belongs (1-based). */
export interface EventMark {
	event: string;
	position: number;
	correctPosition: number;
	/** In its right place; otherwise it moved from there. */
	placed: boolean;
}

/** The student's order, each event marked with where it belongs. */
export function orderMarks(card: OrderingCard, response: unknown): EventMark[] {
	const r = (response ?? {}) as { kind?: unknown; events?: unknown };
	const given = r.kind === 'order' && Array.isArray(r.events) ? (r.events as unknown[]) : [];
	return given
		.filter((e): e is string => typeof e === 'string')
		.map((event, i) => {
			const correctPosition = card.events.indexOf(event) + 1;
			return { event, position: i + 1, correctPosition, placed: correctPosition === i + 1 };
		});
}

/**
 * Whether the student may overrule a wrong verdict with "I was right": only in a self-study quiz
 * (an assignment's score is the instructor's to change), only for an answer they typed, and never
 * for an answer that was not read at all (empty, too long, of another kind).
 */
export function canSelfGrade(card: Card, result: GradeResult, assignment: boolean): boolean {
	if (assignment || result.correct) return false;
	if (!['text', 'blanks', 'number'].includes(quizKind(card))) return false;
	return result.reason === undefined || result.reason === 'unit';
}
