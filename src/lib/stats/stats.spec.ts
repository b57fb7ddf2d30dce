import { describe, expect, it } from 'vitest';
import type { DeckSummary } from '$lib/decks/types';
import { reviewedState } from '$lib/srs/fixtures';
import { Rating, State, type Grade, type ReviewLogEntry } from '$lib/srs/states';
import { cardsByState } from './card-states';
import { upcomingStudyDays } from './days';
import { dueForecast } from './forecast';
import { quizScoreHistory } from './quiz-history';
import { trueRetentionByDeck } from './retention';
import { buildStatistics, statisticsWindow } from './statistics';
import { bucketOf, recallByCard, splitRows, summariseLogs, summaryRows } from './summary';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MOCK_NOW = Date.UTC(2026, 10, 29, 9, 0); // Sunday 29 November 2026, 09:00 GMT

const state = (cardId: string, due: number, s: State = State.Review) =>
	reviewedState(cardId, 10, due - 10 * DAY, { state: s, elapsedDays: 3, lastLogId: null });

let logCount = 0;
const log = (
	cardId: string,
	reviewedAt: number,
	rating: Grade,
	before: State | null,
	durationMs = 5000
): ReviewLogEntry => ({
	id: `log-${logCount++}`,
	cardId,
	rating,
	reviewedAt,
	source: 'study',
	previous: before === null ? null : state(cardId, reviewedAt, before),
	state: State.Review,
	due: reviewedAt + DAY,
	stability: 10,
	difficulty: 5,
	scheduledDays: 1,
	elapsedDays: 1,
	durationMs
});

const cards = [
	{ id: 'h1', section: 'history' as const, tags: ['sco'] },
	{ id: 'h2', section: 'history' as const, tags: [] },
	{ id: 'e1', section: 'economic-landscape' as const, tags: ['energy'] }
];
const deck = (id: string, kind: DeckSummary['kind']): DeckSummary => ({
	id,
	title: `Deck ${id}`,
	description: '',
	kind,
	cardCount: 0,
	hash: ''
});
const decks = [deck('all', 'all'), deck('history', 'section'), deck('energy', 'theme')];

describe('dueForecast', () => {
	const days = upcomingStudyDays(MOCK_NOW, 4, 30);
	const ids = new Set(['a', 'b', 'c', 'd', 'e']);

	it('counts overdue cards today and later cards on their study day', () => {
		const forecast = dueForecast(
			[
				state('a', MOCK_NOW - 40 * DAY), // long overdue
				state('b', MOCK_NOW + 2 * HOUR), // later today
				state('c', Date.UTC(2026, 10, 30, 3, 30)), // 03:30 tomorrow: still today's study day
				state('d', Date.UTC(2026, 10, 30, 4, 0)), // 04:00 tomorrow: tomorrow
				state('e', MOCK_NOW + 45 * DAY) // beyond the forecast
			],
			ids,
			days
		);
		expect(forecast).toHaveLength(30);
		expect(forecast.slice(0, 3).map((d) => [d.key, d.count])).toEqual([
			['2026-11-29', 3],
			['2026-11-30', 1],
			['2026-12-01', 0]
		]);
		expect(forecast.reduce((sum, d) => sum + d.count, 0)).toBe(4);
	});

	it('leaves out cards that are no longer in any deck', () => {
		const forecast = dueForecast([state('gone', MOCK_NOW)], ids, days);
		expect(forecast[0]?.count).toBe(0);
	});
});

describe('trueRetentionByDeck', () => {
	const since = MOCK_NOW - 30 * DAY;

	it('counts only reviews of cards in Review state, passing all but Again', () => {
		const logs = [
			log('h1', MOCK_NOW - DAY, Rating.Good, State.Review),
			log('h1', MOCK_NOW - 2 * DAY, Rating.Hard, State.Review),
			log('h2', MOCK_NOW - DAY, Rating.Again, State.Review),
			log('h2', MOCK_NOW - 3 * DAY, Rating.Again, State.Relearning), // not a review card
			log('h2', MOCK_NOW - 4 * DAY, Rating.Good, State.Learning),
			log('h1', MOCK_NOW - 5 * DAY, Rating.Good, null), // first review of a new card
			log('e1', MOCK_NOW - 40 * DAY, Rating.Again, State.Review) // older than 30 days
		];
		const { recall } = splitRows(summaryRows(summariseLogs(logs)));
		const recent = recallByCard(recall, bucketOf(since));
		const byDeck = trueRetentionByDeck(recent, decks, cards);
		expect(byDeck).toEqual([
			{ deckId: 'all', title: 'Deck all', reviews: 3, passed: 2, retention: 2 / 3 },
			{ deckId: 'history', title: 'Deck history', reviews: 3, passed: 2, retention: 2 / 3 },
			{ deckId: 'energy', title: 'Deck energy', reviews: 0, passed: 0, retention: null }
		]);
	});
});

describe('cardsByState', () => {
	it('counts never-studied deck cards as new and every card once', () => {
		const states = new Map([
			['h1', state('h1', MOCK_NOW, State.Learning)],
			['h2', state('h2', MOCK_NOW, State.Relearning)],
			['gone', state('gone', MOCK_NOW, State.Review)]
		]);
		expect(cardsByState(['h1', 'h2', 'e1', 'x', 'h1'], states)).toEqual({
			new: 2,
			learning: 1,
			review: 0,
			relearning: 1
		});
	});
});

describe('quizScoreHistory', () => {
	it("lists each deck's finished attempts oldest first and skips unfinished ones", () => {
		const history = quizScoreHistory(
			[
				{ id: 'q2', deckId: 'history', finishedAt: MOCK_NOW, percent: 90 },
				{ id: 'q1', deckId: 'history', finishedAt: MOCK_NOW - DAY, percent: 60 },
				{ id: 'q3', deckId: 'history', finishedAt: null, percent: null },
				{ id: 'q4', deckId: 'energy', finishedAt: null, percent: null }
			],
			decks
		);
		expect(history).toEqual([
			{
				deckId: 'history',
				title: 'Deck history',
				scores: [
					{ attemptId: 'q1', finishedAt: MOCK_NOW - DAY, percent: 60 },
					{ attemptId: 'q2', finishedAt: MOCK_NOW, percent: 90 }
				]
			}
		]);
	});
});

describe('buildStatistics', () => {
	it('sums time studied per study day over the last 30 days', () => {
		const days = statisticsWindow(MOCK_NOW, 4);
		expect(days.calendar).toHaveLength(365);
		expect(days.recent[0]?.key).toBe('2026-10-31');
		const rows = splitRows(
			summaryRows(
				summariseLogs([
					log('h1', MOCK_NOW - HOUR, Rating.Good, null, 4000),
					log('h2', MOCK_NOW - 6 * HOUR, Rating.Good, null, 6000), // 03:00: yesterday's study day
					log('h2', MOCK_NOW - 7 * HOUR, Rating.Good, null, 1000),
					log('h1', MOCK_NOW - 2 * HOUR, Rating.Again, State.Review, 500),
					log('h1', MOCK_NOW - 40 * DAY, Rating.Again, State.Review, 500) // before the 30 days
				])
			)
		);
		const stats = buildStatistics(days, {
			summaries: rows.buckets,
			recall: rows.recall,
			states: [state('h1', MOCK_NOW + DAY, State.Learning)],
			attempts: [],
			decks,
			allCards: cards
		});
		expect(stats.timeStudied).toHaveLength(30);
		expect(stats.timeStudied.at(-1)).toMatchObject({ key: '2026-11-29', ms: 4500 });
		expect(stats.heatmap.total).toBe(5);
		expect(stats.heatmap.cells.at(-1)?.count).toBe(2);
		expect(stats.retention[0]).toMatchObject({ deckId: 'all', reviews: 1, passed: 0 });
		expect(stats.timeStudied.at(-2)).toMatchObject({ key: '2026-11-28', ms: 7000 });
		expect(stats.cardStates).toEqual({ new: 2, learning: 1, review: 0, relearning: 0 });
		expect(stats.forecast[1]?.count).toBe(1);
	});
});
