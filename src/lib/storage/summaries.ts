import * as v from 'valibot';
import type { ReviewLogEntry } from '$lib/srs/scheduler';
import {
	bucketOf,
	emptySummary,
	isEmptySummary,
	mergeSummary,
	summariseLogs,
	type ReviewSummary
} from '$lib/stats/summary';
import { inTransaction, type MeridianDB } from './db';
import { ReviewLogSchema } from './schemas';

/** The summary store of a readwrite transaction, whatever other stores it covers. */
interface SummaryStore {
	get(bucket: number): Promise<ReviewSummary | undefined>;
	put(summary: ReviewSummary): Promise<unknown>;
	delete(bucket: number): Promise<unknown>;
}

/**
 * Adds `delta` (summaries by bucket, see {@link summariseLogs}) to the stored summaries in the
 * caller's transaction: each bucket is read and written in it, so two tabs' writes add up. A
 * bucket left with nothing in it (its reviews undone) is deleted.
 */
export async function applySummaryDelta(
	store: SummaryStore,
	delta: ReadonlyMap<number, ReviewSummary>,
	track: (request: Promise<unknown>) => void
): Promise<void> {
	if (delta.size === 0) return;
	const buckets = [...delta.keys()];
	const stored = await Promise.all(buckets.map((bucket) => store.get(bucket)));
	buckets.forEach((bucket, i) => {
		const summary = mergeSummary(stored[i] ?? emptySummary(bucket), delta.get(bucket)!);
		track(isEmptySummary(summary) ? store.delete(bucket) : store.put(summary));
	});
}

/** Adds logs to (sign 1) or takes them out of (sign -1, an undo) the stored summaries. */
export function summariseInto(
	store: SummaryStore,
	logs: readonly ReviewLogEntry[],
	sign: 1 | -1,
	track: (request: Promise<unknown>) => void
): Promise<void> {
	return applySummaryDelta(store, summariseLogs(logs, sign), track);
}

/** The stored summaries from `since` on (a whole bucket), oldest first. */
export function loadSummaries(db: MeridianDB, since: number): Promise<ReviewSummary[]> {
	return inTransaction(db, ['daySummaries'], 'readonly', (tx) =>
		tx.store.getAll(IDBKeyRange.lowerBound(bucketOf(since)))
	);
}

/** Summarises every readable row of a log store, reading it in batches. */
async function summariseStore(store: {
	getAll(range: IDBKeyRange | null, count: number): Promise<unknown[]>;
}): Promise<Map<number, ReviewSummary>> {
	const summaries = new Map<number, ReviewSummary>();
	let after: string | null = null;
	for (;;) {
		const range = after === null ? null : IDBKeyRange.lowerBound(after, true);
		const batch = await store.getAll(range, 5000);
		if (batch.length === 0) return summaries;
		const readable = batch.filter((row) => v.is(ReviewLogSchema, row)) as ReviewLogEntry[];
		summariseLogs(readable, 1, summaries);
		after = (batch.at(-1) as ReviewLogEntry).id;
	}
}

/** The summaries recomputed from the whole log (every readable row), by bucket: what the store must equal. */
export function recomputeSummaries(db: MeridianDB): Promise<Map<number, ReviewSummary>> {
	return inTransaction(db, ['reviewLogs'], 'readonly', (tx) => summariseStore(tx.store));
}

/** Replaces the stored summaries with a recomputation from the log, in one transaction. */
export function rebuildSummaries(db: MeridianDB): Promise<void> {
	return inTransaction(db, ['reviewLogs', 'daySummaries'], 'readwrite', async (tx, track) => {
		const summaries = await summariseStore(tx.objectStore('reviewLogs'));
		const store = tx.objectStore('daySummaries');
		await store.clear();
		for (const summary of summaries.values()) track(store.put(summary));
	});
}
