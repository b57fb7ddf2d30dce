import {
	createScheduler,
	scheduleReview,
	type CardState,
	type ReviewInput,
	type ReviewLogEntry
} from '$lib/srs/scheduler';
import type { StudySettings } from '$lib/srs/settings';
import * as v from 'valibot';
import { inTransaction, type MeridianDB, type Transaction } from './db';
import { dropChunksFrom } from './log-chunks';
import { CardStateSchema, ReviewLogSchema } from './schemas';
import { askSummaryRows, summariseInto } from './summaries';

/** A review to record; `onlyIfDue` skips it unless the card is due (a right quiz answer). */
export interface PendingReview extends ReviewInput {
	onlyIfDue?: boolean;
}

export interface RecordedReview {
	state: CardState;
	log: ReviewLogEntry;
	duplicate: boolean;
}

/** The stores a transaction that records reviews must cover. */
export type ReviewStores = (
	'cardStates' | 'reviewLogs' | 'daySummaries' | 'logChunks' | 'quizAttempts' | 'outbox'
)[];

/**
 * Records reviews in the given readwrite transaction. Each card's current state is read inside
 * it, so two tabs reviewing at once build on each other's writes; a log id already stored is not
 * applied again. Writes go to `track`, so a failed one fails the transaction's commit.
 */
export async function applyReviews(
	tx: Transaction<ReviewStores, 'readwrite'>,
	settings: StudySettings,
	reviews: readonly PendingReview[],
	track: (request: Promise<unknown>) => void
): Promise<RecordedReview[]> {
	const logs = tx.objectStore('reviewLogs');
	const states = tx.objectStore('cardStates');
	const summaryStore = tx.objectStore('daySummaries');
	const scheduler = createScheduler(settings);
	const recorded: RecordedReview[] = [];
	// The summary rows these reviews change are asked for with the first review's reads: a study
	// review's transaction is then one round of reads, one of writes and the commit.
	const asked = askSummaryRows(
		summaryStore,
		reviews.map((r) => r.now),
		reviews.map((r) => r.cardId),
		track
	);
	for (const input of reviews) {
		const [existing, stored] = await Promise.all([logs.get(input.logId), states.get(input.cardId)]);
		// A state no version of the app could have written (stability -5, say) is not scheduled
		// from: this review starts the card afresh, so the study page never sticks on it.
		const previous = stored && v.is(CardStateSchema, stored) ? stored : undefined;
		if (existing) {
			if (previous) recorded.push({ state: previous, log: existing, duplicate: true });
			continue;
		}
		if (input.onlyIfDue && (!previous || previous.due > input.now)) continue;
		const { next, log } = scheduleReview(scheduler, previous, input);
		// Not awaited one by one: requests in a transaction run in order, so a later review of
		// the same card reads this state, and a failed write aborts the commit awaited after.
		// One at a time: a request that throws as it is made must not leave the one before it
		// untracked.
		track(states.put(next));
		track(logs.add(log));
		recorded.push({ state: next, log, duplicate: false });
	}
	const added = recorded.filter((r) => !r.duplicate).map((r) => r.log);
	// The backup's sealed pieces from the earliest new review on (none, unless the clock went back).
	if (added.length > 0)
		dropChunksFrom(tx.objectStore('logChunks'), Math.min(...added.map((l) => l.reviewedAt)), track);
	await summariseInto(summaryStore, added, 1, track, asked);
	return recorded;
}

/**
 * Records reviews in one readwrite transaction, resolved once committed (see
 * {@link applyReviews}). Any failure aborts the whole transaction: nothing is half-written.
 */
export function recordReviews(
	db: MeridianDB,
	settings: StudySettings,
	reviews: readonly PendingReview[]
): Promise<RecordedReview[]> {
	// Only the stores written: a study review's transaction stays as small as it can be.
	const scope: ReviewStores = ['cardStates', 'reviewLogs', 'daySummaries', 'logChunks'];
	return inTransaction(db, scope, 'readwrite', (tx, track) =>
		applyReviews(tx, settings, reviews, track)
	);
}

/** Records one study review; see {@link recordReviews}. */
export async function recordReview(
	db: MeridianDB,
	settings: StudySettings,
	input: ReviewInput
): Promise<RecordedReview> {
	const [recorded] = await recordReviews(db, settings, [input]);
	if (!recorded) throw new Error(`review ${input.logId} was not recorded`);
	return recorded;
}

export type UndoResult =
	{ undone: ReviewLogEntry } | { undone: null; reason: 'nothing-to-undo' | 'superseded' };

/**
 * Undoes a review: restores the exact state before it and deletes its log entry, in one
 * transaction. Refuses when the card was reviewed again since (in another tab, say).
 */
export function undoReview(db: MeridianDB, logId: string): Promise<UndoResult> {
	const scope = ['cardStates', 'reviewLogs', 'daySummaries', 'logChunks'] as const;
	return inTransaction(db, [...scope], 'readwrite', async (tx, track) => {
		const logs = tx.objectStore('reviewLogs');
		const states = tx.objectStore('cardStates');
		const summaries = tx.objectStore('daySummaries');
		const log = await logs.get(logId);
		if (!log) return { undone: null, reason: 'nothing-to-undo' };
		// The card's state and the summary rows the undo changes, asked for together. A log the
		// summaries left out (unreadable) is not taken out of them either.
		const readable = v.is(ReviewLogSchema, log);
		const asked = readable && askSummaryRows(summaries, [log.reviewedAt], [log.cardId], track);
		const current = await states.get(log.cardId);
		if (current?.lastLogId !== log.id) return { undone: null, reason: 'superseded' };
		track(log.previous ? states.put(log.previous) : states.delete(log.cardId));
		track(logs.delete(log.id));
		dropChunksFrom(tx.objectStore('logChunks'), log.reviewedAt, track);
		if (asked) await summariseInto(summaries, [log], -1, track, asked);
		return { undone: log };
	});
}

/** Ids of the given cards reviewed (in study or a quiz) since `since`, each once. */
export async function cardsReviewedSince(
	db: MeridianDB,
	since: number,
	cardIds: readonly string[]
): Promise<string[]> {
	const wanted = new Set(cardIds);
	const logs = await inTransaction(db, ['reviewLogs'], 'readonly', (tx) =>
		tx.store.index('byTime').getAll(IDBKeyRange.lowerBound(since))
	);
	return [...new Set(logs.map((l) => l.cardId).filter((id) => wanted.has(id)))];
}
