import { describe, expect, it } from 'vitest';
import type { DeckSummary } from '$lib/decks/types';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { buildStatistics, statisticsWindow } from '$lib/stats/statistics';
import { openMeridianDB } from '$lib/storage/db';
import { recordReview } from '$lib/storage/reviews';
import { saveSettings } from '$lib/storage/settings';
import { loadStatsData } from '$lib/storage/stats-data';
import { loadStatistics } from './load-stats';

const MOCK_NOW = Date.UTC(2026, 2, 30, 12, 0); // the day after the clocks went forward
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CARDS = [
	{ id: 'a', section: 'history' as const, tags: [] },
	{ id: 'b', section: 'history' as const, tags: ['energy'] }
];
const DECKS: DeckSummary[] = [
	{ id: 'history', title: 'History', description: '', kind: 'section', cardCount: 2, hash: 'h' }
];

describe('loadStatistics', () => {
	it('gives what the calendar read from its own first day gives, whatever the day start', async () => {
		const db = await openMeridianDB();
		// Reviews from 380 days ago to now, every 1.2 hours around the calendar's first day.
		const around = Array.from({ length: 50 }, (_, i) => 363.5 + i * 0.05);
		const times = [380, ...around, 200, 29.5, 1, 0.1]
			.map((days) => MOCK_NOW - days * DAY)
			.sort((x, y) => x - y);
		for (const [i, at] of times.entries()) {
			const settings = { ...DEFAULT_SETTINGS, learningSteps: [] };
			await recordReview(db, settings, {
				logId: `log-${i}`,
				cardId: i % 2 ? 'a' : 'b',
				rating: i % 3 ? Rating.Good : Rating.Again,
				now: at,
				source: 'study'
			});
		}
		for (const dayStartHour of [0, 4, 13, 23]) {
			await saveSettings(db, { ...DEFAULT_SETTINGS, dayStartHour });
			const days = statisticsWindow(MOCK_NOW, dayStartHour);
			const exact = await loadStatsData(db, days.calendar[0]!.start, ['a', 'b']);
			const expected = buildStatistics(days, { ...exact, decks: DECKS, allCards: CARDS });
			const stats = await loadStatistics(db, DECKS, CARDS, MOCK_NOW);
			expect(stats).toEqual(expected);
			expect(stats.heatmap.total).toBeGreaterThan(0);
		}
	});
});
