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
