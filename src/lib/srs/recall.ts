import { default_w, forgetting_curve } from 'ts-fsrs';
import { State, type CardState } from './states';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The probability that the student recalls a card at `at` (epoch ms): ts-fsrs's FSRS-6
 * forgetting curve (retrievability) for the card's stability and the days since its last review.
 * Null for a card never studied, which has no memory to predict.
 */
export function recallAt(state: CardState | null | undefined, at: number): number | null {
	if (!state || state.state === State.New || state.lastReview === null || state.stability <= 0) {
		return null;
	}
	const elapsedDays = Math.max(0, (at - state.lastReview) / DAY);
	return forgetting_curve(default_w, elapsedDays, state.stability);
}
