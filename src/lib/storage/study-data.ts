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

/** The read side of a store whose rows are keyed by string, as {@link getByKeys} uses it. */
export interface KeyedStore<T> {
	getAllKeys(range: IDBKeyRange): Promise<IDBValidKey[]>;
	getAll(range: IDBKeyRange): Promise<T[]>;
}

/**
 * The stored rows of the given string keys, in key order, in a few requests instead of one `get`
 * per key: the keys stored between the smallest and the largest asked (keys only, no values),
 * then one `getAll` per run of stored keys that are all asked. Nothing else's value is read, and
 * it is exact within the caller's transaction. Each request's answer is a task of its own in the
 * browser, so 233 gets were 233 tasks, and any other work of the page (hydration, a timer)
 * waited between them; in Chromium 233 gets of a 10,000-row store took about 20 ms on a quiet
 * page, these two or three requests about 2 ms. A key stored between two asked ones (a retired
 * card's, say) only splits a run.
 */
export async function getByKeys<T>(store: KeyedStore<T>, keys: readonly string[]): Promise<T[]> {
	const wanted = new Set(keys);
	// IndexedDB orders strings by UTF-16 code units, as the default sort does.
	const sorted = [...wanted].sort();
	if (sorted.length === 0) return [];
	const stored = await store.getAllKeys(IDBKeyRange.bound(sorted[0], sorted.at(-1)));
	const runs: [string, string][] = [];
	let run: [string, string] | null = null;
	for (const key of stored) {
		if (typeof key === 'string' && wanted.has(key)) {
			if (run) run[1] = key;
			else runs.push((run = [key, key]));
		} else run = null;
	}
	const rows = await Promise.all(
		runs.map(([from, to]) => store.getAll(IDBKeyRange.bound(from, to)))
	);
	return rows.flat();
}

/**
 * Gets each card's state in the given transaction, by key ({@link getByKeys}), not with one
 * `getAll` of the store: the store can hold far more states than the decks have cards (retired
 * cards, a big import).
 */
export async function loadCardStatesIn(
	store: KeyedStore<CardState>,
	cardIds: readonly string[]
): Promise<Map<string, CardState>> {
	const states = await getByKeys(store, cardIds);
	const found = new Map<string, CardState>();
	let unreadable = 0;
	for (const state of states) {
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
