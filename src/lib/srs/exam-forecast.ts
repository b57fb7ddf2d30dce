// Predicted recall at an exam: the "Prepare for exam" queue and the deck pages' forecasts. Apart
// from the exam dates (`./exam`) because it runs ts-fsrs's forgetting curve (`./recall`), which the
// study page loads only after its first card in the other modes (issue 18).
import type { QueueEntry } from './queue';
import { recallAt } from './recall';
import type { CardState } from './states';

export interface RecallForecast<C> {
	card: C;
	state: CardState | null;
	/** Predicted recall at the exam; null for a card never studied. */
	recall: number | null;
}

/** Each card's predicted recall at `at` (epoch ms), in the deck's order. */
export function predictRecall<C extends { id: string }>(
	cards: readonly C[],
	states: ReadonlyMap<string, CardState>,
	at: number
): RecallForecast<C>[] {
	return cards.map((card) => {
		const state = states.get(card.id) ?? null;
		return { card, state, recall: recallAt(state, at) };
	});
}

export interface ExamForecast {
	total: number;
	/** Cards predicted below the target at the exam, never-studied cards included. */
	below: number;
	neverStudied: number;
}

/**
 * How a deck stands for an exam at `at`: how many of its cards are predicted below `target`
 * (the desired retention). A card never studied has no memory to predict and counts as below.
 */
export function examForecast<C extends { id: string }>(
	cards: readonly C[],
	states: ReadonlyMap<string, CardState>,
	at: number,
	target: number
): ExamForecast {
	const forecast = predictRecall(cards, states, at);
	const neverStudied = forecast.filter((f) => f.recall === null).length;
	const below = forecast.filter((f) => f.recall === null || f.recall < target).length;
	return { total: cards.length, below, neverStudied };
}

export interface ExamQueueOptions {
	/** The moment to predict recall for: {@link ExamTiming.at}. */
	at: number;
	/** The desired retention: cards predicted at or above it are ready and left out. */
	target: number;
	/** The current study day, from {@link studyDay}. */
	dayStart: number;
	dayEnd: number;
}

/**
 * The "Prepare for exam" queue: studied cards predicted below `target` at the exam, lowest
 * predicted recall first (ties in deck order), then every never-studied card in deck order.
 *
 * - Cards already predicted at or above the target are ready and left out, so the session ends
 *   once everything that needs work has had it.
 * - New cards ignore the daily new-card limit: with an exam coming, a card never seen is the
 *   likeliest to be missed, and the limit exists to pace long-term study, not cramming.
 * - A card already reviewed today is left out unless a learning step makes it due again today:
 *   another same-day review adds almost nothing to its memory (FSRS barely raises stability
 *   within a day), so it comes back on a later day if it still needs work.
 */
export function examQueue<C extends { id: string }>(
	cards: readonly C[],
	states: ReadonlyMap<string, CardState>,
	{ at, target, dayStart, dayEnd }: ExamQueueOptions
): QueueEntry<C>[] {
	const studied: { entry: QueueEntry<C>; recall: number; order: number }[] = [];
	const fresh: QueueEntry<C>[] = [];
	predictRecall(cards, states, at).forEach(({ card, state, recall }, order) => {
		if (recall === null || !state) {
			fresh.push({ card, state });
			return;
		}
		const reviewedToday = (state.lastReview ?? 0) >= dayStart;
		if (recall < target && (!reviewedToday || state.due < dayEnd)) {
			studied.push({ entry: { card, state }, recall, order });
		}
	});
	studied.sort((a, b) => a.recall - b.recall || a.order - b.order);
	return [...studied.map((s) => s.entry), ...fresh];
}
