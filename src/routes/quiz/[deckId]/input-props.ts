import type { Card } from '$lib/decks/types';
import type { QuizKind, QuizResponse } from '$lib/quiz/grade';

/** What every answer input of the quiz takes: its card, whether it is locked, where answers go. */
export interface InputProps<C extends Card = Card> {
	card: C;
	disabled: boolean;
	onanswer: (response: QuizResponse) => void;
}

/** An input that shows the card's options or events in the attempt's seeded order. */
export type SeededInputProps<C extends Card = Card> = InputProps<C> & { seed: number };

/** An input for typed answers, of the kind the card takes. */
export type TypedInputProps = InputProps & { kind: QuizKind };
