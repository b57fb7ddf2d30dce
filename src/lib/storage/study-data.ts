import { State, type CardState } from '$lib/srs/scheduler';
import type { MeridianDB } from './db';

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
async function statesByKey(
	store: { get(id: string): Promise<CardState | undefined> },
	cardIds: readonly string[]
): Promise<Map<string, CardState>> {
	const states = await Promise.all(cardIds.map((id) => store.get(id)));
	const found = new Map<string, CardState>();
	for (const state of states) if (state) found.set(state.cardId, state);
	return found;
}

/** The stored states of the given cards, by card id; cards never studied are absent. */
export async function loadCardStates(
	db: MeridianDB,
	cardIds: readonly string[]
): Promise<Map<string, CardState>> {
	const tx = db.transaction('cardStates', 'readonly');
	const [states] = await Promise.all([statesByKey(tx.store, cardIds), tx.done]);
	return states;
}

/**
 * What a session or home's counts need for the given cards, in one readonly transaction: their
 * states (read by key, so states of cards no longer in any deck cost nothing and are never "next
 * due") and today's reviews, for the daily new-card limit.
 */
export async function loadStudySnapshot(
	db: MeridianDB,
	cardIds: readonly string[],
	dayStart: number,
	dayEnd: number
): Promise<StudySnapshot> {
	const tx = db.transaction(['cardStates', 'reviewLogs'], 'readonly');
	const [states, today] = await Promise.all([
		statesByKey(tx.objectStore('cardStates'), cardIds),
		tx.objectStore('reviewLogs').index('byTime').getAll(IDBKeyRange.lowerBound(dayStart)),
		tx.done
	]);
	const dueStates = new Map<string, CardState>();
	let nextDueAfter: number | null = null;
	for (const state of states.values()) {
		if (state.due < dayEnd) dueStates.set(state.cardId, state);
		else if (nextDueAfter === null || state.due < nextDueAfter) nextDueAfter = state.due;
	}
	const newToday = today.filter((l) => !l.previous || l.previous.state === State.New);
	return {
		dueStates,
		seen: new Set(states.keys()),
		newStudiedToday: newToday.length,
		newStudiedTodayIds: new Set(newToday.map((l) => l.cardId)),
		nextDueAfter
	};
}
