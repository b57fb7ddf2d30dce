import * as v from 'valibot';
import type { ReviewLogEntry } from '$lib/srs/scheduler';
import {
	bucketOf,
	mergeBucketRow,
	mergeRecallRow,
	recallChanges,
	summariseLogs,
	summaryRows,
	type BucketRow,
	type RecallRow,
	type ReviewSummary,
	type SummaryRow
} from '$lib/stats/summary';
import { inTransaction, type MeridianDB } from './db';
import { ReviewLogSchema } from './schemas';

/** The summary store of a readwrite transaction, whatever other stores it covers. */
interface SummaryStore {
	get(key: number | string): Promise<SummaryRow | undefined>;
	put(row: SummaryRow): Promise<unknown>;
	delete(key: number | string): Promise<unknown>;
}

/** Stored summary rows already asked for in the transaction, by key (see {@link askSummaryRows}). */
export type AskedRows = ReadonlyMap<number | string, Promise<SummaryRow | undefined>>;

/**
 * Asks for the summary rows that logs at `times` of `cardIds` would change (each time's bucket
 * row and each card's recall row), without waiting: a write can issue these with its other reads,
 * so the transaction waits for one round of answers instead of two. The requests go to `track`.
 */
export function askSummaryRows(
	store: SummaryStore,
	times: readonly number[],
	cardIds: readonly string[],
	track: (request: Promise<unknown>) => void
): AskedRows {
	const asked = new Map<number | string, Promise<SummaryRow | undefined>>();
	for (const key of [...times.map(bucketOf), ...cardIds]) {
		if (asked.has(key)) continue;
		const request = store.get(key);
		track(request);
		asked.set(key, request);
	}
	return asked;
}

/**
 * Adds `delta` (summaries by bucket, see {@link summariseLogs}) to the stored rows in the
 * caller's transaction: each bucket's row and each changed card's recall row is read (or taken
 * from `asked`, read earlier in the same transaction) and written in it, so two tabs' writes add
 * up. A row left with nothing in it (its reviews undone) is deleted.
 */
export async function applySummaryDelta(
	store: SummaryStore,
	delta: ReadonlyMap<number, ReviewSummary>,
	track: (request: Promise<unknown>) => void,
	asked: AskedRows = new Map()
): Promise<void> {
	if (delta.size === 0) return;
	const summaries = [...delta.values()];
	const changes = recallChanges(summaries);
	const cards = [...changes.keys()];
	const read = <T extends SummaryRow>(key: number | string) =>
		(asked.get(key) ?? store.get(key)) as Promise<T | undefined>;
	const [buckets, recall] = await Promise.all([
		Promise.all(summaries.map((s) => read<BucketRow>(s.bucket))),
		Promise.all(cards.map((id) => read<RecallRow>(id)))
	]);
	const write = (key: number | string, row: SummaryRow | null) =>
		track(row ? store.put(row) : store.delete(key));
	summaries.forEach((s, i) => write(s.bucket, mergeBucketRow(buckets[i], s)));
	cards.forEach((id, i) => write(id, mergeRecallRow(id, recall[i], changes.get(id)!)));
}

/** Adds logs to (sign 1) or takes them out of (sign -1, an undo) the stored summaries. */
export function summariseInto(
	store: SummaryStore,
	logs: readonly ReviewLogEntry[],
	sign: 1 | -1,
	track: (request: Promise<unknown>) => void,
	asked?: AskedRows
): Promise<void> {
	return applySummaryDelta(store, summariseLogs(logs, sign), track, asked);
}

/**
 * The key range of the buckets' rows from `since` on (a whole bucket): numbers only, so no card's
 * recall row (a string key) is in it.
 */
export const bucketsFrom = (since: number): IDBKeyRange =>
	IDBKeyRange.bound(bucketOf(since), Infinity);

/** The stored buckets' rows from `since` on (a whole bucket), oldest first. */
export function loadSummaries(db: MeridianDB, since: number): Promise<BucketRow[]> {
	return inTransaction(
		db,
		['daySummaries'],
		'readonly',
		(tx) => tx.store.getAll(bucketsFrom(since)) as Promise<BucketRow[]>
	);
}

/** Summarises every readable row of a log store, reading it in batches. */
export async function summariseStore(store: {
	getAll(range: IDBKeyRange | null, count: number): Promise<unknown[]>;
}): Promise<Map<number, ReviewSummary>> {
	const summaries = new Map<number, ReviewSummary>();
	let after: string | null = null;
	for (;;) {
		const range = after === null ? null : IDBKeyRange.lowerBound(after, true);
		const batch = await store.getAll(range, 5000);
		if (batch.length === 0) return summaries;
		// A row no version of the app could read (hand-written) is left out, as every reader does.
		const readable = batch.filter((row) => v.is(ReviewLogSchema, row)) as ReviewLogEntry[];
		summariseLogs(readable, 1, summaries);
		after = (batch.at(-1) as ReviewLogEntry).id;
	}
}

/**
 * The summary rows recomputed from the whole log (every readable row), by key in the store's
 * order: what the store must equal.
 */
export function recomputeSummaries(db: MeridianDB): Promise<Map<number | string, SummaryRow>> {
	return inTransaction(db, ['reviewLogs'], 'readonly', async (tx) => {
		const rows = summaryRows(await summariseStore(tx.store));
		return new Map(rows.map((row) => [row.key, row]));
	});
}

/** Writes the rows of `summaries` into an emptied summary store. */
export async function writeSummaryRows(
	store: { clear(): Promise<unknown>; put(row: SummaryRow): Promise<unknown> },
	summaries: ReadonlyMap<number, ReviewSummary>,
	track: (request: Promise<unknown>) => void
): Promise<void> {
	await store.clear();
	for (const row of summaryRows(summaries)) track(store.put(row));
}

/** Replaces the stored summaries with a recomputation from the log, in one transaction. */
export function rebuildSummaries(db: MeridianDB): Promise<void> {
	return inTransaction(db, ['reviewLogs', 'daySummaries'], 'readwrite', async (tx, track) => {
		const summaries = await summariseStore(tx.objectStore('reviewLogs'));
		await writeSummaryRows(tx.objectStore('daySummaries'), summaries, track);
	});
}
