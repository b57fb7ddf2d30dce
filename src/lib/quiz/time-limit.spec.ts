import { describe, expect, it } from 'vitest';
import {
	formatClock,
	formatRemainingWords,
	quizDeadline,
	remainingMs,
	timeAllowedMs,
	timeAnnouncement
} from './time-limit';

const MIN = 60_000;

describe('time limits', () => {
	it('apply the student’s multiplier, never less than the limit', () => {
		expect(timeAllowedMs(20)).toBe(20 * MIN);
		expect(timeAllowedMs(20, 1.5)).toBe(30 * MIN);
		expect(timeAllowedMs(20, 0.5)).toBe(20 * MIN);
		expect(quizDeadline(1000, 5 * MIN)).toBe(1000 + 5 * MIN);
		expect(remainingMs(10_000, 4_000)).toBe(6_000);
		expect(remainingMs(10_000, 12_000)).toBe(0);
	});

	it('show the clock rounded up to the second and say it in words', () => {
		expect(formatClock(0)).toBe('0:00');
		expect(formatClock(9_001)).toBe('0:10');
		expect(formatClock(12 * MIN + 5_000)).toBe('12:05');
		expect(formatClock(65 * MIN + 9_000)).toBe('1:05:09');
		expect(formatRemainingWords(5 * MIN)).toBe('5 minutes');
		expect(formatRemainingWords(90_000)).toBe('1 minute 30 seconds');
		expect(formatRemainingWords(12 * MIN + 30_000)).toBe('12 minutes');
		expect(formatRemainingWords(61 * MIN)).toBe('1 hour 1 minute');
		expect(formatRemainingWords(1_000)).toBe('1 second');
	});

	it('announce at half time and at fixed marks, not every second', () => {
		const allowed = 20 * MIN;
		const said: string[] = [];
		for (let left = allowed; left > -1000; left -= 1000) {
			const message = timeAnnouncement(left, left - 1000, allowed);
			if (message) said.push(message);
		}
		expect(said).toEqual([
			'10 minutes left.',
			'5 minutes left.',
			'2 minutes left.',
			'1 minute left.',
			'30 seconds left.',
			'10 seconds left.',
			'Time is up.'
		]);
		// 12 minutes: half time is said on its own.
		expect(timeAnnouncement(6 * MIN + 500, 6 * MIN - 500, 12 * MIN)).toBe('6 minutes left.');
	});

	it('say only the last mark crossed when the page slept, and nothing after the end', () => {
		expect(timeAnnouncement(6 * MIN, 50_000, 20 * MIN)).toBe('1 minute left.');
		expect(timeAnnouncement(0, -1000, 20 * MIN)).toBeNull();
		expect(timeAnnouncement(3 * MIN, 2.5 * MIN, 20 * MIN)).toBeNull();
	});
});
