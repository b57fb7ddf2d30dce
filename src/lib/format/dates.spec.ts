import { describe, expect, it } from 'vitest';
import {
	formatCalendarDate,
	formatDate,
	formatDateTime,
	formatSpent,
	formatTime,
	formatWhen
} from './dates';

// Local times, so the tests hold in any time zone.
const at = (y: number, m: number, d: number, h = 0, min = 0, s = 0) =>
	new Date(y, m - 1, d, h, min, s).getTime();

describe('dates', () => {
	it('writes a day with its weekday and year', () => {
		expect(formatDate(at(2026, 12, 11, 17))).toBe('Fri 11 Dec 2026');
	});

	it('writes times on a 24-hour clock without seconds', () => {
		expect(formatTime(at(2026, 12, 11, 9, 5, 59))).toBe('09:05');
		expect(formatDateTime(at(2026, 12, 11, 17, 0, 42))).toBe('Fri 11 Dec 2026, 17:00');
	});

	it('writes a calendar date as the same day whatever the time zone', () => {
		expect(formatCalendarDate('2027-01-04')).toBe('Mon 4 Jan 2027');
		expect(formatCalendarDate('not a date')).toBe('not a date');
	});

	it('writes every day as the formatter would, part by part, at any hour', () => {
		// The names are looked up rather than formatted each time: every day of 2020-2031 (leap
		// years, clock changes) at 00:00, 12:00 and 23:59 against formatToParts itself.
		const local = new Intl.DateTimeFormat('en-GB', {
			weekday: 'short',
			day: 'numeric',
			month: 'short',
			year: 'numeric'
		});
		const utc = new Intl.DateTimeFormat('en-GB', {
			weekday: 'short',
			day: 'numeric',
			month: 'short',
			year: 'numeric',
			timeZone: 'UTC'
		});
		const byParts = (format: Intl.DateTimeFormat, time: number) => {
			const parts = new Map(format.formatToParts(time).map((p) => [p.type, p.value]));
			return (['weekday', 'day', 'month', 'year'] as const)
				.map((type) => parts.get(type))
				.join(' ');
		};
		const wrong: string[] = [];
		for (let day = 0; day < 12 * 366; day++) {
			for (const [h, min] of [
				[0, 0],
				[12, 0],
				[23, 59]
			] as const) {
				const time = at(2020, 1, 1 + day, h, min);
				if (formatDate(time) !== byParts(local, time)) wrong.push(byParts(local, time));
			}
			const calendar = new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10);
			const utcTime = Date.UTC(2020, 0, 1 + day);
			if (formatCalendarDate(calendar) !== byParts(utc, utcTime)) wrong.push(calendar);
		}
		expect(wrong).toEqual([]);
		expect(formatDate(new Date(at(2026, 9, 15, 8)))).toBe(byParts(local, at(2026, 9, 15, 8)));
	});

	it('says today, tomorrow or the date, by calendar day', () => {
		const now = at(2026, 12, 1, 23, 30);
		expect(formatWhen(at(2026, 12, 1, 23, 45), now)).toBe('today at 23:45');
		expect(formatWhen(at(2026, 12, 2, 0, 15), now)).toBe('tomorrow at 00:15');
		expect(formatWhen(at(2026, 12, 2, 9), now)).toBe('tomorrow at 09:00');
		expect(formatWhen(at(2026, 12, 11, 9), now)).toBe('on Fri 11 Dec 2026 at 09:00');
	});
});

describe('formatSpent', () => {
	it('writes seconds under a minute, then minutes, then hours and minutes', () => {
		expect(formatSpent(45_000)).toBe('45 s');
		expect(formatSpent(12 * 60_000)).toBe('12 min');
		expect(formatSpent(60 * 60_000)).toBe('1 h');
		expect(formatSpent(65 * 60_000)).toBe('1 h 5 min');
	});
});
