import { State, type CardState, type ReviewLogEntry } from './states';

/** Anki's "maximum answer seconds": a card left open longer counts for this much time. */
export const MAX_ANSWER_MS = 60_000;

export interface SessionSummary {
	/** Reviews given (a card rated twice counts twice). */
	reviews: number;
	/** Distinct cards reviewed. */
	cards: number;
	/** Time spent on the cards, each review counted up to {@link MAX_ANSWER_MS}. */
	timeMs: number;
	/** The share of reviews rated Again, 0 to 1; null with no review. */
	againRate: number | null;
}

/** The end-of-session summary of the session's review log entries. */
export function summariseSession(
	logs: readonly Pick<ReviewLogEntry, 'cardId' | 'rating' | 'durationMs'>[]
): SessionSummary {
	let timeMs = 0;
	let again = 0;
	for (const log of logs) {
		timeMs += Math.min(Math.max(0, log.durationMs), MAX_ANSWER_MS);
		if (log.rating === 1) again++;
	}
	return {
		reviews: logs.length,
		cards: new Set(logs.map((l) => l.cardId)).size,
		timeMs,
		againRate: logs.length > 0 ? again / logs.length : null
	};
}

/** The earliest due time among studied cards in `states`, or null when none is studied. */
export function nextDue(states: Iterable<CardState>): number | null {
	let next: number | null = null;
	for (const state of states) {
		if (state.state === State.New) continue;
		if (next === null || state.due < next) next = state.due;
	}
	return next;
}
