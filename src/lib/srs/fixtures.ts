import { State, type CardState } from './states';

const DAY = 24 * 60 * 60 * 1000;

/**
 * A reviewed card's state for tests: in the Review state, due one stability after its last
 * review, so its recall there is exactly 0.9 (how FSRS defines stability). `fields` overrides any.
 */
export function reviewedState(
	cardId: string,
	stability: number,
	lastReview: number,
	fields: Partial<CardState> = {}
): CardState {
	return {
		cardId,
		due: lastReview + stability * DAY,
		stability,
		difficulty: 5,
		elapsedDays: 0,
		scheduledDays: stability,
		learningSteps: 0,
		reps: 3,
		lapses: 0,
		state: State.Review,
		lastReview,
		lastLogId: `log-${cardId}`,
		...fields
	};
}
