import { describe, expect, it } from 'vitest';
import { dayIndexOf, recentStudyDays, sumByDay, upcomingStudyDays } from './days';
import { reviewHeatmap } from './heatmap';

const HOUR = 3_600_000;
// Europe/London: clocks go forward at 01:00 GMT on 2026-03-29 and back at 02:00 BST on 2026-10-25.
const utc = (month: number, day: number, hour: number, minute = 0) =>
	Date.UTC(2026, month - 1, day, hour, minute);

describe('study days', () => {
	it('runs in a time zone with daylight saving', () => {
		expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('Europe/London');
		expect(new Date(utc(3, 28, 12)).getTimezoneOffset()).toBe(0);
		expect(new Date(utc(3, 30, 12)).getTimezoneOffset()).toBe(-60);
	});

	it('keeps a 23-hour day across the spring change as one day, starting at 4 am local', () => {
		const days = recentStudyDays(utc(3, 30, 11), 4, 4);
		expect(days.map((d) => d.key)).toEqual([
			'2026-03-27',
			'2026-03-28',
			'2026-03-29',
			'2026-03-30'
		]);
		// 28 March 04:00 GMT to 29 March 04:00 BST (03:00 UTC).
		expect(days[1]).toMatchObject({ start: utc(3, 28, 4), end: utc(3, 29, 3) });
		expect(days.map((d) => (d.end - d.start) / HOUR)).toEqual([24, 23, 24, 24]);
		for (let i = 1; i < days.length; i++) expect(days[i]!.start).toBe(days[i - 1]!.end);
	});

	it('keeps a 25-hour day across the autumn change as one day', () => {
		const days = upcomingStudyDays(utc(10, 24, 12), 0, 3);
		expect(days.map((d) => d.key)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
		expect(days.map((d) => (d.end - d.start) / HOUR)).toEqual([24, 25, 24]);
	});

	it('bins reviews before the start-of-day hour into the day before, across the change', () => {
		const days = recentStudyDays(utc(3, 30, 11), 4, 4);
		const reviews = [
			utc(3, 28, 4, 0), // 04:00 GMT: first moment of the 28th
			utc(3, 29, 0, 30), // 00:30 GMT on the 29th: still the 28th's study day
			utc(3, 29, 2, 59), // 03:59 BST: the 23-hour day's last minute
			utc(3, 29, 3, 0), // 04:00 BST: the 29th begins
			utc(3, 30, 10, 0)
		];
		expect(sumByDay(days, reviews, (t) => t)).toEqual([0, 3, 1, 1]);
		// With the day starting at midnight the same early reviews fall on the 29th.
		const midnight = recentStudyDays(utc(3, 30, 11), 0, 4);
		expect(midnight[2]).toMatchObject({
			key: '2026-03-29',
			start: utc(3, 29, 0),
			end: utc(3, 29, 23)
		});
		expect(sumByDay(midnight, reviews, (t) => t)).toEqual([0, 1, 3, 1]);
	});

	it('finds no day for times outside the range', () => {
		const days = recentStudyDays(utc(3, 30, 11), 4, 3);
		expect(dayIndexOf(days, days[0]!.start - 1)).toBe(-1);
		expect(dayIndexOf(days, days[2]!.end)).toBe(-1);
		expect(dayIndexOf(days, days[2]!.end - 1)).toBe(2);
	});
});

describe('reviewHeatmap', () => {
	it('lays 365 days out in Monday-first weeks with one cell per study day', () => {
		const now = utc(11, 29, 9); // Sunday 29 November 2026
		const days = recentStudyDays(now, 4, 365);
		const counts = days.map((_, i) => (i % 10 === 0 ? 2 : 0));
		const map = reviewHeatmap(days, counts);
		expect(map.cells).toHaveLength(365);
		expect(new Set(map.cells.map((c) => c.key)).size).toBe(365);
		expect(map.cells[0]).toMatchObject({ key: '2025-11-30', week: 0, weekday: 6 });
		expect(map.cells.at(-1)).toMatchObject({ key: '2026-11-29', weekday: 6, week: 52 });
		expect(map.cells.find((c) => c.key === '2026-03-29')?.weekday).toBe(6);
		expect(map.weeks).toBe(53);
		expect(map).toMatchObject({ total: 74, max: 2, activeDays: 37 });
	});

	it('shows the reviews before 4 am on the previous day', () => {
		const now = utc(11, 29, 3); // 03:00 on Sunday: still Saturday's study day
		const days = recentStudyDays(now, 4, 7);
		const map = reviewHeatmap(
			days,
			sumByDay(days, [now], (t) => t)
		);
		expect(map.cells.at(-1)).toMatchObject({ key: '2026-11-28', weekday: 5, count: 1 });
	});
});
