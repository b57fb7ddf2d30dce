import { describe, expect, it } from 'vitest';
import { dailyStreak } from './streak';

const at = (day: number, hour: number, minute = 0) =>
	new Date(2026, 2, day, hour, minute).getTime();

describe('dailyStreak', () => {
	it('counts consecutive days with a review, ending today', () => {
		const reviews = [at(10, 9), at(10, 20), at(11, 8), at(12, 7)];
		expect(dailyStreak(reviews, at(12, 12), 4)).toEqual({ days: 3, today: true });
	});

	it('still stands when the last review was yesterday; breaks after a day without one', () => {
		const reviews = [at(10, 9), at(11, 9)];
		expect(dailyStreak(reviews, at(12, 12), 4)).toEqual({ days: 2, today: false });
		expect(dailyStreak(reviews, at(13, 12), 4)).toEqual({ days: 0, today: false });
		expect(dailyStreak([at(8, 9), at(10, 9)], at(10, 12), 4)).toEqual({ days: 1, today: true });
	});

	it('honours the day-start hour: a review at 2 am counts for the day before', () => {
		// 9 am on the 10th, then 2 am on the 12th, which is still the 11th's study day.
		const reviews = [at(10, 9), at(12, 2)];
		expect(dailyStreak(reviews, at(12, 3), 4)).toEqual({ days: 2, today: true });
		expect(dailyStreak(reviews, at(12, 5), 4)).toEqual({ days: 2, today: false });
		expect(dailyStreak(reviews, at(12, 3), 0)).toEqual({ days: 1, today: true });
	});

	it('crosses a daylight-saving change and is 0 with no reviews', () => {
		const reviews = [27, 28, 29, 30].map((d) => at(d, 12));
		expect(dailyStreak(reviews, at(30, 18), 4).days).toBe(4);
		expect(dailyStreak([], at(30, 18), 4)).toEqual({ days: 0, today: false });
	});
});
