import { describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/random';
import { createScheduler, formatInterval, previewIntervals, scheduleReview } from './scheduler';
import { Rating, State, type CardState, type Grade } from './states';
import { DEFAULT_SETTINGS, parseSettings } from './settings';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const DAY = 86_400_000;

const scheduler = createScheduler(DEFAULT_SETTINGS);
const review = (state: CardState | null, rating: Grade, now: number, n = 0) =>
	scheduleReview(scheduler, state, {
		logId: `log-${n}`,
		cardId: 'c1',
		rating,
		now,
		source: 'study'
	});

describe('scheduleReview', () => {
	it('starts a new card in learning and records the state before', () => {
		const { next, log } = review(null, Rating.Good, MOCK_NOW);
		expect(next.state).toBe(State.Learning);
		expect(next.due).toBe(MOCK_NOW + 10 * 60_000);
		expect(log).toMatchObject({
			cardId: 'c1',
			rating: Rating.Good,
			reviewedAt: MOCK_NOW,
			previous: null
		});
		expect(next.lastLogId).toBe('log-0');
	});

	it('is deterministic for the same state and time', () => {
		const a = review(null, Rating.Easy, MOCK_NOW);
		const b = review(null, Rating.Easy, MOCK_NOW);
		expect(a).toEqual(b);
	});

	it('over 60 simulated days, Good answers lengthen intervals and Again relearns', () => {
		const random = seededRandom(42);
		let state: CardState | null = null;
		let now = MOCK_NOW;
		const intervals: number[] = [];
		let n = 0;
		while (now < MOCK_NOW + 60 * DAY) {
			const rating: Grade =
				random() < 0.9 || !state || state.state !== State.Review ? Rating.Good : Rating.Again;
			const before: CardState | null = state;
			state = review(state, rating, now, n++).next;
			if (rating === Rating.Again) {
				expect(before?.state).toBe(State.Review);
				expect(state.state).toBe(State.Relearning);
				expect(state.lapses).toBe((before?.lapses ?? 0) + 1);
			} else if (before?.state === State.Review) {
				intervals.push(state.scheduledDays);
			}
			now = Math.max(state.due, now + 60_000);
		}
		expect(intervals.length).toBeGreaterThan(2);
		expect(intervals.at(-1)!).toBeGreaterThan(intervals[0]!);
	});
});

describe('previewIntervals and formatInterval', () => {
	it('labels each rating as Anki does for a new card', () => {
		const labels = previewIntervals(scheduler, null, MOCK_NOW);
		expect(labels[Rating.Again]).toBe('1m');
		expect(labels[Rating.Good]).toBe('10m');
		expect(labels[Rating.Easy]).toMatch(/^\d+d$/);
	});

	it.each([
		[30_000, '<1m'],
		[10 * 60_000, '10m'],
		[3 * 3_600_000, '3h'],
		[3 * DAY, '3d'],
		[45 * DAY, '1.5mo'],
		[400 * DAY, '1.1y']
	])('formats %d ms as %s', (ms, label) => {
		expect(formatInterval(ms)).toBe(label);
	});
});

describe('parseSettings', () => {
	it('keeps valid stored fields and defaults invalid or missing ones', () => {
		expect(parseSettings({ desiredRetention: 0.85, newPerDay: -3 })).toEqual({
			...DEFAULT_SETTINGS,
			desiredRetention: 0.85
		});
		expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
		expect(parseSettings({ desiredRetention: 0.99 }).desiredRetention).toBe(0.9);
	});
});
