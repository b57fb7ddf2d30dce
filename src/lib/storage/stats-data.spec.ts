import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/srs/scheduler';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { statisticsWindow } from '$lib/stats/statistics';
import { openMeridianDB, type MeridianDB } from './db';
import { saveAttempt, type QuizAttemptRow } from './quiz-attempts';
import { recordReview } from './reviews';
import { loadStatsData } from './stats-data';

// Monday 30 March 2026, the day after the clocks went forward in Europe/London.
const MOCK_NOW = Date.UTC(2026, 2, 30, 12, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const review = (db: MeridianDB, cardId: string, logId: string, now: number) =>
	recordReview(db, DEFAULT_SETTINGS, { logId, cardId, rating: Rating.Good, now, source: 'study' });

const attempt = (id: string, finishedAt: number | null): QuizAttemptRow => ({
	id,
	deckId: 'history',
	seed: 1,
	cardIds: [],
	feedback: 'end',
	passMark: 0.7,
	startedAt: MOCK_NOW - DAY,
	finishedAt,
	answers: [],
	percent: finishedAt === null ? null : 80,
	passed: finishedAt === null ? null : true,
	retryOf: null
});

describe('loadStatsData', () => {
	it('counts a year of reviews per study day and reads only the recent ones whole', async () => {
		const db = await openMeridianDB();
		const window = statisticsWindow(MOCK_NOW, DEFAULT_SETTINGS.dayStartHour);
		await review(db, 'a', 'old', MOCK_NOW - 400 * DAY); // before the calendar
		await review(db, 'b', 'last-year', MOCK_NOW - 200 * DAY);
		await review(db, 'a', 'sat', Date.UTC(2026, 2, 28, 20)); // Saturday evening
		await review(db, 'c', 'night', Date.UTC(2026, 2, 29, 2, 30)); // 03:30 BST: still Saturday
		await review(db, 'c', 'sun', Date.UTC(2026, 2, 29, 3, 0)); // 04:00 BST: Sunday
		await review(db, 'b', 'today', MOCK_NOW - HOUR);
		await saveAttempt(db, attempt('done', MOCK_NOW - DAY));
		await saveAttempt(db, attempt('open', null));

		// Spread over the 30 days, so every slice of the recent read has rows, one on a boundary.
		const since = window.recent[0]!.start;
		const slice = (MOCK_NOW - since) / 4;
		await review(db, 'd', 'early', since);
		await review(db, 'd', 'boundary', since + slice);
		await review(db, 'd', 'middle', since + 2.5 * slice);
		await review(db, 'd', 'future', MOCK_NOW + HOUR); // a clock set wrong: still read once
		const data = await loadStatsData(
			db,
			window.calendar,
			since,
			['a', 'b', 'c', 'never-studied'],
			MOCK_NOW
		);
		const countOn = (key: string) =>
			data.reviewCounts[window.calendar.findIndex((d) => d.key === key)];
		expect(data.reviewCounts).toHaveLength(365);
		expect(data.reviewCounts.reduce((a, b) => a + b, 0)).toBe(9);
		expect(countOn('2026-03-28')).toBe(2);
		expect(countOn('2026-03-29')).toBe(1);
		expect(countOn('2026-03-30')).toBe(2); // 'today' and 'future'
		expect(data.recentLogs.map((l) => l.id)).toEqual([
			'early',
			'boundary',
			'middle',
			'sat',
			'night',
			'sun',
			'today',
			'future'
		]);
		expect(data.states.map((s) => s.cardId)).toEqual(['a', 'b', 'c']);
		expect(data.attempts.map((a) => a.id).sort()).toEqual(['done', 'open']);
	});

	it('reads an empty database as no reviews', async () => {
		const db = await openMeridianDB();
		const window = statisticsWindow(MOCK_NOW, 4);
		const data = await loadStatsData(db, window.calendar, window.recent[0]!.start, ['a'], MOCK_NOW);
		expect(data.reviewCounts.every((n) => n === 0)).toBe(true);
		expect(data).toMatchObject({ recentLogs: [], states: [], attempts: [] });
	});
});
