import { describe, expect, it } from 'vitest';
import { Rating } from './states';
import { createScheduler, scheduleReview } from './scheduler';
import { recallAt } from './recall';
import { DEFAULT_SETTINGS } from './settings';

const T0 = Date.UTC(2026, 0, 5, 9);
const DAY = 86_400_000;

describe('recallAt', () => {
	const scheduler = createScheduler(DEFAULT_SETTINGS);
	const first = scheduleReview(scheduler, null, {
		logId: 'l1',
		cardId: 'c',
		rating: Rating.Good,
		now: T0,
		source: 'study'
	}).next;

	it('is null for a card never studied', () => {
		expect(recallAt(null, T0)).toBeNull();
		expect(recallAt(undefined, T0)).toBeNull();
	});

	it('is 1 right after a review and falls as time passes', () => {
		expect(recallAt(first, T0)).toBeCloseTo(1, 6);
		const later = [1, 5, 30, 365].map((d) => recallAt(first, T0 + d * DAY)!);
		for (let i = 1; i < later.length; i++) expect(later[i]).toBeLessThan(later[i - 1]!);
		expect(later[3]).toBeGreaterThan(0);
	});

	it('is 0.9 after one stability of days, as FSRS defines stability', () => {
		const review = { ...first, stability: 10, lastReview: T0 };
		expect(recallAt(review, T0 + 10 * DAY)).toBeCloseTo(0.9, 3);
	});
});
