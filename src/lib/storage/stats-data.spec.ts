import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { buildStatistics, statisticsWindow } from '$lib/stats/statistics';
import { bucketOf } from '$lib/stats/summary';
import { openMeridianDB, type MeridianDB } from './db';
import { storageHealth } from './health.svelte';
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
	cardIds: finishedAt === null ? ['a'] : [],
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
	it('reads a year of review summaries, which count every review on its study day', async () => {
		const db = await openMeridianDB();
		const days = statisticsWindow(MOCK_NOW, DEFAULT_SETTINGS.dayStartHour);
		await review(db, 'a', 'old', MOCK_NOW - 400 * DAY); // before the calendar
		await review(db, 'b', 'last-year', MOCK_NOW - 200 * DAY);
		await review(db, 'a', 'sat', Date.UTC(2026, 2, 28, 20)); // Saturday evening
		await review(db, 'c', 'night', Date.UTC(2026, 2, 29, 2, 30)); // 03:30 BST: still Saturday
		await review(db, 'c', 'sun', Date.UTC(2026, 2, 29, 3, 0)); // 04:00 BST: Sunday
		await review(db, 'b', 'today', MOCK_NOW - HOUR);
		await review(db, 'd', 'future', MOCK_NOW + HOUR); // a clock set wrong: still counted once
		await saveAttempt(db, attempt('done', MOCK_NOW - DAY));
		await saveAttempt(db, attempt('open', null));
		const data = await loadStatsData(db, days.calendar[0]!.start, ['a', 'b', 'c', 'never-studied']);
		const stats = buildStatistics(days, { ...data, decks: [], allCards: [] });
		const countOn = (key: string) =>
			stats.heatmap.cells[days.calendar.findIndex((d) => d.key === key)]?.count;
		expect(stats.heatmap.total).toBe(6);
		expect(countOn('2026-03-28')).toBe(2);
		expect(countOn('2026-03-29')).toBe(1);
		expect(countOn('2026-03-30')).toBe(2); // 'today' and 'future'
		expect(data.summaries.every((s) => s.key >= bucketOf(days.calendar[0]!.start))).toBe(true);
		expect(data.states.map((s) => s.cardId)).toEqual(['a', 'b', 'c']);
		expect(data.attempts.map((a) => a.id).sort()).toEqual(['done', 'open']);
	});

	it('leaves out a card no longer in any deck, though its state and recall are stored', async () => {
		const db = await openMeridianDB();
		const settings = { ...DEFAULT_SETTINGS, learningSteps: [] };
		// 'b-removed' sorts between the decks' cards, 'zz-imported' after them: each studied into
		// Review, then reviewed there (a recall row), like the decks' own cards.
		const cards = ['a', 'b-removed', 'c', 'zz-imported'];
		for (const [i, cardId] of cards.entries()) {
			for (const [n, at] of [MOCK_NOW - 3 * DAY, MOCK_NOW - DAY].entries()) {
				await recordReview(db, settings, {
					logId: `log-${i}-${n}`,
					cardId,
					rating: Rating.Good,
					now: at,
					source: 'study'
				});
			}
		}
		expect((await db.getAll('cardStates')).length).toBe(4);
		const data = await loadStatsData(db, MOCK_NOW - 10 * DAY, ['c', 'a', 'never-studied']);
		expect(data.states.map((s) => s.cardId)).toEqual(['a', 'c']);
		expect(data.recall.map((r) => r.key)).toEqual(['a', 'c']);
		expect(data.recall.every((r) => r.tallies.length === 3)).toBe(true);
		// The quarter hours still count every review, the removed card's too.
		expect(data.summaries.reduce((n, s) => n + s.reviews, 0)).toBe(8);
	});

	it('reads an empty database as no reviews', async () => {
		const db = await openMeridianDB();
		const days = statisticsWindow(MOCK_NOW, 4);
		const data = await loadStatsData(db, days.calendar[0]!.start, ['a']);
		expect(data).toEqual({
			settings: DEFAULT_SETTINGS,
			summaries: [],
			recall: [],
			states: [],
			attempts: []
		});
	});

	it('tells whether there is anything to chart before it answers the rest', async () => {
		const since = MOCK_NOW - 10 * DAY;
		const told = async (db: MeridianDB) => {
			const events: string[] = [];
			await loadStatsData(db, since, ['a'], (found) => events.push(`history ${found}`)).then(() =>
				events.push('read')
			);
			return events;
		};
		const db = await openMeridianDB();
		expect(await told(db)).toEqual(['history false', 'read']);
		// A review before the window is not something to chart.
		await review(db, 'a', 'old', since - DAY);
		expect(await told(db)).toEqual(['history false', 'read']);
		await review(db, 'a', 'recent', since + DAY);
		expect(await told(db)).toEqual(['history true', 'read']);
		// A quiz attempt alone is (in a database of its own).
		db.close();
		globalThis.indexedDB = new IDBFactory();
		const quizOnly = await openMeridianDB();
		await saveAttempt(quizOnly, attempt('done', MOCK_NOW - DAY));
		expect(await told(quizOnly)).toEqual(['history true', 'read']);
	});

	it('skips a stored state or attempt outside the schema and notes it', async () => {
		const db = await openMeridianDB();
		await review(db, 'a', 'log-a', MOCK_NOW);
		const good = (await db.get('cardStates', 'a'))!;
		await db.put('cardStates', { ...good, cardId: 'b', stability: -5, difficulty: 100 });
		await db.put('quizAttempts', { ...attempt('broken', null), cardIds: [] });
		storageHealth.clear();
		const data = await loadStatsData(db, MOCK_NOW - DAY, ['a', 'b']);
		expect(data.states.map((s) => s.cardId)).toEqual(['a']);
		expect(data.attempts).toEqual([]);
		expect(storageHealth.skipped.cardStates).toBe(1);
	});
});
