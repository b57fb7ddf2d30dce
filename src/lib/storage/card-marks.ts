import { applyMark, type CardMark, type MarkAction } from '$lib/srs/marks';
import { studyDay } from '$lib/srs/day';
import type { ReviewLogEntry } from '$lib/srs/scheduler';
import { inTransaction, type MeridianDB } from './db';
import { describeStorageError } from './errors';

// A mark that is cleared is not deleted: its row stays with nothing set and the time it was
// cleared (a tombstone), so a backup carries the removal and an import on another device, where
// the newer change wins, removes the mark there too. Readers never see tombstones.

/** True for a row that marks nothing: a cleared mark kept for its time. */
export const isCleared = (mark: CardMark) =>
	!mark.suspended && mark.buriedUntil === null && mark.flag === null;

const cleared = (cardId: string, updatedAt: number): CardMark => ({
	cardId,
	suspended: false,
	buriedUntil: null,
	flag: null,
	updatedAt
});

/** The marks among the store's rows, by card id (tombstones left out). */
export const marksFrom = (rows: readonly CardMark[]): Map<string, CardMark> =>
	new Map(rows.filter((row) => !isCleared(row)).map((row) => [row.cardId, row]));

/** Every card's mark, by card id (a card with none, or a cleared one, is not in it). */
export async function loadMarks(db: MeridianDB): Promise<Map<string, CardMark>> {
	try {
		return marksFrom(await db.getAll('cardMarks'));
	} catch (error) {
		throw describeStorageError(error);
	}
}

/**
 * A mark change: the card's mark before and after (null: nothing marked), so it can be undone,
 * and the row it stored (a tombstone when the mark was cleared).
 */
export interface MarkChange {
	cardId: string;
	before: CardMark | null;
	after: CardMark | null;
	stored: CardMark;
}

/** Applies `action` to a card's mark at `now` in one transaction and returns the change. */
export function changeMark(
	db: MeridianDB,
	cardId: string,
	action: MarkAction,
	now: number
): Promise<MarkChange> {
	return inTransaction(db, ['cardMarks'], 'readwrite', async (tx) => {
		const row = (await tx.store.get(cardId)) ?? null;
		const before = row && !isCleared(row) ? row : null;
		const after = applyMark(before, cardId, action, now);
		const stored = after ?? cleared(cardId, now);
		await tx.store.put(stored);
		return { cardId, before, after, stored };
	});
}

const same = (a: CardMark | null, b: CardMark | null) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Undoes a change: puts back the mark before it (or clears it), in one transaction, as a change
 * of its own at `now` (never earlier than the change it undoes), so the undo too wins over older
 * rows when backups are merged. Refuses (false) when the card's mark was changed again since (in
 * another tab, say), leaving that change in place.
 */
export function undoMarkChange(db: MeridianDB, change: MarkChange, now = 0): Promise<boolean> {
	return inTransaction(db, ['cardMarks'], 'readwrite', async (tx) => {
		const current = (await tx.store.get(change.cardId)) ?? null;
		if (!same(current, change.stored)) return false;
		const updatedAt = Math.max(now, change.stored.updatedAt + 1);
		await tx.store.put(
			change.before ? { ...change.before, updatedAt } : cleared(change.cardId, updatedAt)
		);
		return true;
	});
}

/** A card's review history, oldest first (study and quiz reviews). */
export async function loadCardHistory(db: MeridianDB, cardId: string): Promise<ReviewLogEntry[]> {
	try {
		const logs = await db.getAllFromIndex('reviewLogs', 'byCard', cardId);
		return logs.sort((a, b) => a.reviewedAt - b.reviewedAt);
	} catch (error) {
		throw describeStorageError(error);
	}
}

/** The review log entries since `since` that rated a card Again. */
export async function loadAgainSince(db: MeridianDB, since: number): Promise<ReviewLogEntry[]> {
	try {
		const logs = await db.getAllFromIndex('reviewLogs', 'byTime', IDBKeyRange.lowerBound(since));
		return logs.filter((l) => l.rating === 1);
	} catch (error) {
		throw describeStorageError(error);
	}
}

/**
 * One review time per study day, newest first, for the daily streak: for each day it jumps to
 * the latest review before the day ends (one index step per day, whatever the number of
 * reviews), and stops at the first study day without a review.
 */
export async function reviewDaysForStreak(
	db: MeridianDB,
	now: number,
	dayStartHour: number
): Promise<number[]> {
	const index = db.transaction('reviewLogs').store.index('byTime');
	const times: number[] = [];
	// A streak may end yesterday: the first day looked at may be today or the day before.
	let day = studyDay(now, dayStartHour);
	let earliest = studyDay(day.start - 1, dayStartHour).start;
	for (;;) {
		const cursor = await index.openKeyCursor(IDBKeyRange.upperBound(day.end, true), 'prev');
		if (!cursor || cursor.key < earliest) break;
		times.push(cursor.key);
		day = studyDay(cursor.key, dayStartHour);
		earliest = studyDay(day.start - 1, dayStartHour).start;
		day = studyDay(day.start - 1, dayStartHour);
	}
	return times;
}
