import {
	createScheduler,
	scheduleReview,
	type CardState,
	type ReviewInput,
	type ReviewLogEntry
} from '$lib/srs/scheduler';
import type { StudySettings } from '$lib/srs/settings';
import type { MeridianDB } from './db';
import { abortQuietly, describeStorageError, startTransaction } from './errors';

/**
 * Records one review: reads the card's current state, schedules it and writes the new state and
 * the log entry in one readwrite transaction, resolved once committed. Reading inside the
 * transaction means two tabs reviewing at once build on each other's writes; a log id already
 * stored is not applied again.
 */
export async function recordReview(
	db: MeridianDB,
	settings: StudySettings,
	input: ReviewInput
): Promise<{ state: CardState; log: ReviewLogEntry; duplicate: boolean }> {
	const tx = startTransaction(() => db.transaction(['cardStates', 'reviewLogs'], 'readwrite'));
	try {
		const logs = tx.objectStore('reviewLogs');
		const states = tx.objectStore('cardStates');
		const [existing, previous] = await Promise.all([
			logs.get(input.logId),
			states.get(input.cardId)
		]);
		if (existing) {
			await tx.done;
			return { state: previous!, log: existing, duplicate: true };
		}
		const { next, log } = scheduleReview(createScheduler(settings), previous, input);
		await Promise.all([states.put(next), logs.add(log)]);
		await tx.done;
		return { state: next, log, duplicate: false };
	} catch (error) {
		abortQuietly(tx);
		throw describeStorageError(error);
	}
}

export type UndoResult =
	{ undone: ReviewLogEntry } | { undone: null; reason: 'nothing-to-undo' | 'superseded' };

/**
 * Undoes a review: restores the exact state before it and deletes its log entry, in one
 * transaction. Refuses when the card was reviewed again since (in another tab, say).
 */
export async function undoReview(db: MeridianDB, logId: string): Promise<UndoResult> {
	const tx = startTransaction(() => db.transaction(['cardStates', 'reviewLogs'], 'readwrite'));
	try {
		const logs = tx.objectStore('reviewLogs');
		const states = tx.objectStore('cardStates');
		const log = await logs.get(logId);
		if (!log) {
			await tx.done;
			return { undone: null, reason: 'nothing-to-undo' };
		}
		const current = await states.get(log.cardId);
		if (current?.lastLogId !== log.id) {
			await tx.done;
			return { undone: null, reason: 'superseded' };
		}
		if (log.previous) await states.put(log.previous);
		else await states.delete(log.cardId);
		await logs.delete(log.id);
		await tx.done;
		return { undone: log };
	} catch (error) {
		abortQuietly(tx);
		throw describeStorageError(error);
	}
}

/** The most recent study reviews since `since`, newest first: the session's undo stack. */
export async function recentStudyReviews(
	db: MeridianDB,
	since: number,
	limit = 50
): Promise<ReviewLogEntry[]> {
	const found: ReviewLogEntry[] = [];
	let cursor = await db
		.transaction('reviewLogs')
		.store.index('byTime')
		.openCursor(IDBKeyRange.lowerBound(since), 'prev');
	while (cursor && found.length < limit) {
		if (cursor.value.source === 'study') found.push(cursor.value);
		cursor = await cursor.continue();
	}
	return found;
}
