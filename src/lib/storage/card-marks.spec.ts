import { describe, expect, it } from 'vitest';
import { Rating, type Grade } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import {
	changeMark,
	loadAgainSince,
	loadCardHistory,
	loadMarks,
	reviewDaysForStreak,
	undoMarkChange
} from './card-marks';
import { openMeridianDB, type MeridianDB } from './db';
import { recordReview } from './reviews';

const NOW = new Date(2026, 0, 5, 12).getTime();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let n = 0;
const review = (db: MeridianDB, cardId: string, now: number, rating: Grade = Rating.Good) =>
	recordReview(db, DEFAULT_SETTINGS, {
		logId: `log-${++n}`,
		cardId,
		rating,
		now,
		source: 'study'
	});

describe('card marks in storage', () => {
	it('stores a change, and undo puts back the mark before as a newer change', async () => {
		const db = await openMeridianDB();
		await changeMark(db, 'a', { kind: 'flag', flag: 'red' }, NOW);
		const before = await db.get('cardMarks', 'a');
		const change = await changeMark(db, 'a', { kind: 'suspend' }, NOW + 1);
		expect((await loadMarks(db)).get('a')).toMatchObject({ suspended: true, flag: 'red' });
		expect(await undoMarkChange(db, change, NOW + 5)).toBe(true);
		expect(await db.get('cardMarks', 'a')).toEqual({ ...before, updatedAt: NOW + 5 });
		// An undo never goes back in time, even with a clock behind the change it undoes.
		const unflag = await changeMark(db, 'a', { kind: 'flag', flag: null }, NOW + 10);
		await undoMarkChange(db, unflag, NOW);
		expect(await db.get('cardMarks', 'a')).toEqual({ ...before, updatedAt: NOW + 11 });
	});

	it('keeps a cleared mark as a tombstone that readers never see', async () => {
		const db = await openMeridianDB();
		await changeMark(db, 'a', { kind: 'flag', flag: 'red' }, NOW);
		const change = await changeMark(db, 'a', { kind: 'flag', flag: null }, NOW + 1);
		expect(change).toMatchObject({ before: { flag: 'red' }, after: null });
		expect(await db.get('cardMarks', 'a')).toEqual({
			cardId: 'a',
			suspended: false,
			buriedUntil: null,
			flag: null,
			updatedAt: NOW + 1
		});
		expect((await loadMarks(db)).has('a')).toBe(false);
		// Marking it again starts from nothing; undoing that clears it again, as a tombstone.
		const again = await changeMark(db, 'a', { kind: 'suspend' }, NOW + 2);
		expect(again.before).toBeNull();
		expect(await undoMarkChange(db, again, NOW + 3)).toBe(true);
		expect(await db.get('cardMarks', 'a')).toMatchObject({ suspended: false, updatedAt: NOW + 3 });
		expect((await loadMarks(db)).size).toBe(0);
	});

	it('refuses an undo once the mark was changed again since, keeping that change', async () => {
		const db = await openMeridianDB();
		const first = await changeMark(db, 'a', { kind: 'suspend' }, NOW);
		await changeMark(db, 'a', { kind: 'flag', flag: 'blue' }, NOW + 1);
		expect(await undoMarkChange(db, first)).toBe(false);
		expect(await db.get('cardMarks', 'a')).toMatchObject({ suspended: true, flag: 'blue' });
	});
});

describe('review history and windows', () => {
	it('lists a card’s reviews oldest first and the Again ratings since a time', async () => {
		const db = await openMeridianDB();
		await review(db, 'a', NOW, Rating.Again);
		await review(db, 'b', NOW - DAY, Rating.Again);
		await review(db, 'a', NOW + 60_000, Rating.Good);
		const history = await loadCardHistory(db, 'a');
		expect(history.map((l) => l.rating)).toEqual([Rating.Again, Rating.Good]);
		expect((await loadAgainSince(db, NOW - HOUR)).map((l) => l.cardId)).toEqual(['a']);
	});

	it('finds one review per study day back to the first day without one', async () => {
		const db = await openMeridianDB();
		// Today, yesterday twice, the day before; then a gap; then an older day.
		for (const at of [NOW, NOW - DAY, NOW - DAY + HOUR, NOW - 2 * DAY, NOW - 5 * DAY]) {
			await review(db, `c-${at}`, at);
		}
		const days = await reviewDaysForStreak(db, NOW + HOUR, 4);
		expect(days).toEqual([NOW, NOW - DAY + HOUR, NOW - 2 * DAY]);
		// The next day nothing is studied yet: the streak reaches back from yesterday.
		expect(await reviewDaysForStreak(db, NOW + DAY, 4)).toHaveLength(3);
		expect(await reviewDaysForStreak(db, NOW + 2 * DAY, 4)).toEqual([]);
	});
});
