// A card's stored scheduling state and review log, and ts-fsrs's names and limits for them, with
// no ts-fsrs code: the study page reads stored rows and builds its queue with these before its
// first card is painted, and loads the scheduler itself (`./scheduler`, ts-fsrs) only after that
// (issue 18). `states.spec.ts` checks each value against ts-fsrs's own.

/** ts-fsrs's `State`: where a card is in its learning. */
export const State = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type State = (typeof State)[keyof typeof State];

/** ts-fsrs's `Rating`, less `Manual` (which the app never gives). */
export const Rating = { Again: 1, Hard: 2, Good: 3, Easy: 4 } as const;
/** A rating a student gives: ts-fsrs's `Grade`. */
export type Grade = (typeof Rating)[keyof typeof Rating];

export const GRADES: readonly Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

/** ts-fsrs's `S_MIN` and `S_MAX`: the stability, in days, its scheduler keeps to. */
export const S_MIN = 0.001;
export const S_MAX = 36500;

/** A card's scheduling state as stored: ts-fsrs's card with dates as epoch milliseconds. */
export interface CardState {
	cardId: string;
	due: number;
	stability: number;
	difficulty: number;
	elapsedDays: number;
	scheduledDays: number;
	learningSteps: number;
	reps: number;
	lapses: number;
	state: State;
	lastReview: number | null;
	/** The review log entry that produced this state; undo checks it. */
	lastLogId: string | null;
}

export type ReviewSource = 'study' | 'quiz';

/** One review as logged: what was rated, when, and the state before, so it can be undone. */
export interface ReviewLogEntry {
	id: string;
	cardId: string;
	rating: Grade;
	reviewedAt: number;
	source: ReviewSource;
	/** The card's state before this review; null for a card's first review. */
	previous: CardState | null;
	/** State, interval and memory after the review, for statistics. */
	state: State;
	due: number;
	stability: number;
	difficulty: number;
	scheduledDays: number;
	elapsedDays: number;
	durationMs: number;
}
