import * as v from 'valibot';
import type { CardState } from '$lib/srs/scheduler';
import type { BucketRow } from '$lib/stats/summary';
import { inTransaction, type MeridianDB } from './db';
import { noteUnreadable } from './health.svelte';
import { CardStateSchema } from './schemas';
import { bucketsFrom } from './summaries';

export interface StudySnapshot {
	/** States of the asked cards due before the study day ends, by card id. */
	dueStates: Map<string, CardState>;
	/** Ids of the asked cards studied at least once. */
	seen: Set<string>;
	/** New cards first studied since the study day began (any card). */
	newStudiedToday: number;
	/** Ids of the cards first studied since the study day began (any card), for deck limits. */
	newStudiedTodayIds: Set<string>;
	/** The earliest due time of an asked card after the study day ends, if any. */
	nextDueAfter: number | null;
}

/**
 * Gets each card's state by key in the given transaction. One `get` per card rather than
 * `getAll`: the store can hold far more states than the decks have cards (retired cards, a big
 * import), and in Chromium 283 gets take about 20 ms where a `getAll` of 10,000 states takes
 * about 140 ms.
 */
export async function loadCardStatesIn(
	store: { get(id: string): Promise<CardState | undefined> },
	cardIds: readonly string[]
): Promise<Map<string, CardState>> {
	const states = await Promise.all(cardIds.map((id) => store.get(id)));
	const found = new Map<string, CardState>();
	let unreadable = 0;
	for (const state of states) {
		if (!state) continue;
		// A state outside the scheduler's ranges is skipped: the card reads as never studied.
		if (v.is(CardStateSchema, state)) found.set(state.cardId, state);
		else unreadable++;
	}
	if (unreadable > 0) noteUnreadable('cardStates', unreadable);
	return found;
}

/** The stored states of the given cards, by card id; cards never studied are absent. */
export async function loadCardStates(
	db: MeridianDB,
	cardIds: readonly string[]
): Promise<Map<string, CardState>> {
	return inTransaction(db, ['cardStates'], 'readonly', (tx) => loadCardStatesIn(tx.store, cardIds));
}

/**
 * What a session or home's counts need for the given cards, in one readonly transaction: their
 * states (read by key, so states of cards no longer in any deck cost nothing and are never "next
 * due") and the new cards studied today, for the daily new-card limits of the essay and of each
 * deck, from today's quarter hours' summary rows (at most a hundred small rows, however long the
 * log and however many reviews today had).
 */
export async function loadStudySnapshot(
	db: MeridianDB,
	cardIds: readonly string[],
	dayStart: number,
	dayEnd: number
): Promise<StudySnapshot> {
	const [states, today] = await inTransaction(
		db,
		['cardStates', 'daySummaries'],
		'readonly',
		(tx) =>
			Promise.all([
				loadCardStatesIn(tx.objectStore('cardStates'), cardIds),
				tx.objectStore('daySummaries').getAll(bucketsFrom(dayStart)) as Promise<BucketRow[]>
			])
	);
	const dueStates = new Map<string, CardState>();
	let nextDueAfter: number | null = null;
	for (const state of states.values()) {
		if (state.due < dayEnd) dueStates.set(state.cardId, state);
		else if (nextDueAfter === null || state.due < nextDueAfter) nextDueAfter = state.due;
	}
	const newToday = today.flatMap((row) => row.newCardIds);
	return {
		dueStates,
		seen: new Set(states.keys()),
		newStudiedToday: newToday.length,
		newStudiedTodayIds: new Set(newToday),
		nextDueAfter
	};
}
