import * as v from 'valibot';
import type { CardMark } from '$lib/srs/marks';
import type { CardState, ReviewLogEntry } from '$lib/srs/states';
import type { StudySettings } from '$lib/srs/settings';
import { bucketOf, type BucketRow } from '$lib/stats/summary';
import { marksFrom } from './card-marks';
import { inTransaction, type MeridianDB, type StoreName, type Transaction } from './db';
import { describeStorageError } from './errors';
import { noteUnreadable } from './health.svelte';
import { CardStateSchema, ReviewLogSchema } from './schemas';
import { settingsIn } from './settings';
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
	const { wanted, range } = askedRange(keys);
	if (!range) return [];
	const stored = await store.getAllKeys(range);
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

/** The asked keys, once each, and the key range from the smallest to the largest (none: null). */
function askedRange(keys: readonly string[]): { wanted: Set<string>; range: IDBKeyRange | null } {
	const wanted = new Set(keys);
	if (wanted.size === 0) return { wanted, range: null };
	// IndexedDB orders strings by UTF-16 code units, as the default sort does.
	const sorted = [...wanted].sort();
	return { wanted, range: IDBKeyRange.bound(sorted[0], sorted.at(-1)) };
}

/**
 * The stored rows of the given string keys in one request: one `getAll` from the smallest asked
 * key to the largest, the rows between them that were not asked (a retired card's) dropped in
 * memory. {@link getByKeys} reads no value not asked for but waits for two answers, the keys and
 * then the rows; this waits for one, at the cost of reading whatever is stored between the asked
 * keys. It suits an ask that spans the stored keys, such as every card of every deck (the
 * statistics page): what lies between is only the cards removed from the decks. Rows stored
 * outside the range (a big import's other ids) are not read. `keyOf` gives a row's key.
 */
export async function getAcrossKeys<T>(
	store: Pick<KeyedStore<T>, 'getAll'>,
	keys: readonly string[],
	keyOf: (row: T) => IDBValidKey
): Promise<T[]> {
	const { wanted, range } = askedRange(keys);
	if (!range) return [];
	const rows = await store.getAll(range);
	return rows.filter((row) => {
		const key = keyOf(row);
		return typeof key === 'string' && wanted.has(key);
	});
}

/** The readable states among stored rows, by card id; unreadable ones are noted, not returned. */
function readableStates(states: readonly CardState[]): Map<string, CardState> {
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

/**
 * Gets each card's state in the given transaction, by key ({@link getByKeys}), not with one
 * `getAll` of the store: the store can hold far more states than the decks have cards (retired
 * cards, a big import).
 */
export async function loadCardStatesIn(
	store: KeyedStore<CardState>,
	cardIds: readonly string[]
): Promise<Map<string, CardState>> {
	return readableStates(await getByKeys(store, cardIds));
}

/**
 * Gets each card's state in the given transaction in one request ({@link getAcrossKeys}): for an
 * ask that spans the stored states, such as every deck's cards.
 */
export async function loadCardStatesAcross(
	store: Pick<KeyedStore<CardState>, 'getAll'>,
	cardIds: readonly string[]
): Promise<Map<string, CardState>> {
	return readableStates(await getAcrossKeys(store, cardIds, (state) => state.cardId));
}

/** The stored states of the given cards, by card id; cards never studied are absent. */
export async function loadCardStates(
	db: MeridianDB,
	cardIds: readonly string[]
): Promise<Map<string, CardState>> {
	return inTransaction(db, ['cardStates'], 'readonly', (tx) => loadCardStatesIn(tx.store, cardIds));
}

/**
 * Runs reads in one readonly transaction and resolves with their result as soon as they are
 * answered, without waiting for the transaction's completion event: a readonly transaction
 * writes nothing, so its answers are final when they arrive, and the completion is one more task
 * the page would wait for. A failed request rejects as a StorageError.
 */
export async function readTogether<const Names extends StoreName[], T>(
	db: MeridianDB,
	stores: Names,
	work: (tx: Transaction<Names, 'readonly'>) => Promise<T>
): Promise<T> {
	try {
		const tx = db.transaction(stores, 'readonly');
		// A failure rejects the request that failed, which `work` awaits.
		tx.done.catch(() => undefined);
		return await work(tx);
	} catch (error) {
		throw error instanceof v.ValiError ? error : describeStorageError(error);
	}
}

/**
 * The snapshot of a study session or home's counts from the states of the asked cards and the
 * quarter hours' rows of the study day (see {@link loadStudySnapshot}): pure, so home computes it
 * from the reads it shares with its knowledge map.
 */
export function studySnapshotFrom(
	states: ReadonlyMap<string, CardState>,
	buckets: readonly BucketRow[],
	dayStart: number,
	dayEnd: number
): StudySnapshot {
	const dueStates = new Map<string, CardState>();
	let nextDueAfter: number | null = null;
	for (const state of states.values()) {
		if (state.due < dayEnd) dueStates.set(state.cardId, state);
		else if (nextDueAfter === null || state.due < nextDueAfter) nextDueAfter = state.due;
	}
	const from = bucketOf(dayStart);
	const newToday = buckets.filter((row) => row.key >= from).flatMap((row) => row.newCardIds);
	return {
		dueStates,
		seen: new Set(states.keys()),
		newStudiedToday: newToday.length,
		newStudiedTodayIds: new Set(newToday),
		nextDueAfter
	};
}

/** Everything home shows of the student's progress, read at once (see {@link loadHomeProgress}). */
export interface HomeProgress {
	settings: StudySettings;
	/** The readable states of the asked cards, by card id. */
	states: Map<string, CardState>;
	/** The quarter hours' rows from `since` on, which hold the whole of today's study day. */
	buckets: BucketRow[];
	/** Every card's mark, by card id (cleared ones left out). */
	marks: Map<string, CardMark>;
}

/** The longest a study day can have run before `now`: 25 hours on the day clocks go back. */
const LONGEST_DAY_MS = 25 * 3_600_000;

/**
 * What home's counts and its knowledge map need, in one readonly transaction asked all at once:
 * the settings, the asked cards' states, their marks and the quarter hours' rows of the last 25
 * hours, which hold today's study day whatever the start hour the settings hold (read in the same
 * round, so the day is cut from them afterwards, by {@link studySnapshotFrom}). One round of
 * answers: home asks for every card, so the states are read across the cards' range of ids in one
 * request ({@link loadCardStatesAcross}) rather than keys first, then rows.
 */
export function loadHomeProgress(
	db: MeridianDB,
	cardIds: readonly string[],
	now: number
): Promise<HomeProgress> {
	const stores = ['settings', 'cardStates', 'daySummaries', 'cardMarks'] as const;
	return readTogether(db, [...stores], async (tx) => {
		const [settings, states, buckets, marks] = await Promise.all([
			settingsIn(tx.objectStore('settings')),
			loadCardStatesAcross(tx.objectStore('cardStates'), cardIds),
			tx.objectStore('daySummaries').getAll(bucketsFrom(now - LONGEST_DAY_MS)) as Promise<
				BucketRow[]
			>,
			tx.objectStore('cardMarks').getAll()
		]);
		return {
			settings,
			states,
			buckets,
			marks: marksFrom(marks)
		};
	});
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
	return studySnapshotFrom(states, today, dayStart, dayEnd);
}

/**
 * The most recent study reviews since `since`, newest first: the session's undo stack (read with
 * its queue, here rather than with the recording in `./reviews`, which the study page loads
 * after its first card).
 */
export async function recentStudyReviews(
	db: MeridianDB,
	since: number,
	limit = 50
): Promise<ReviewLogEntry[]> {
	return inTransaction(db, ['reviewLogs'], 'readonly', async (tx) => {
		const found: ReviewLogEntry[] = [];
		let cursor = await tx.store.index('byTime').openCursor(IDBKeyRange.lowerBound(since), 'prev');
		while (cursor && found.length < limit) {
			const log = cursor.value;
			if (log.source === 'study' && v.is(ReviewLogSchema, log)) found.push(log);
			cursor = await cursor.continue();
		}
		return found;
	});
}
