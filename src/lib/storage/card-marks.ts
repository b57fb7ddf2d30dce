import { applyMark, type CardMark, type MarkAction } from '$lib/srs/marks';
import { studyDay } from '$lib/srs/day';
import type { ReviewLogEntry } from '$lib/srs/scheduler';
import { inTransaction, type MeridianDB } from './db';
import { describeStorageError } from './errors';

/** Every card's mark, by card id (a card with none has no row). */
export async function loadMarks(db: MeridianDB): Promise<Map<string, CardMark>> {
	try {
		const rows = await db.getAll('cardMarks');
		return new Map(rows.map((row) => [row.cardId, row]));
	} catch (error) {
		throw describeStorageError(error);
	}
}

/** A mark change as stored: the row before and after (null: no row), so it can be undone. */
export interface MarkChange {
	cardId: string;
	before: CardMark | null;
	after: CardMark | null;
}

/** Applies `action` to a card's mark at `now` in one transaction and returns the change. */
export function changeMark(
	db: MeridianDB,
	cardId: string,
	action: MarkAction,
	now: number
): Promise<MarkChange> {
	return inTransaction(db, ['cardMarks'], 'readwrite', async (tx) => {
		const before = (await tx.store.get(cardId)) ?? null;
		const after = applyMark(before, cardId, action, now);
		if (after) await tx.store.put(after);
		else await tx.store.delete(cardId);
		return { cardId, before, after };
	});
}

const same = (a: CardMark | null, b: CardMark | null) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Undoes a change: restores the row before it, in one transaction. Refuses (false) when the
 * card's mark was changed again since (in another tab, say), leaving that change in place.
 */
export function undoMarkChange(db: MeridianDB, change: MarkChange): Promise<boolean> {
	return inTransaction(db, ['cardMarks'], 'readwrite', async (tx) => {
		const current = (await tx.store.get(change.cardId)) ?? null;
		if (!same(current, change.after)) return false;
		if (change.before) await tx.store.put(change.before);
		else await tx.store.delete(change.cardId);
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
