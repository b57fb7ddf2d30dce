import { describe, expect, it } from 'vitest';
import {
	examCountdown,
	examDateForDeadline,
	examMoment,
	examRequeue,
	examTiming,
	formatExamDate
} from './exam';
import { examForecast, examQueue } from './exam-forecast';
import { studyDay } from './day';
import { reviewedState } from './fixtures';
import { recallAt } from './recall';
import { State } from './states';

const DAY = 86_400_000;
// Local times, as the student's clock reads them: Monday 30 November 2026, 10 am.
const NOW = new Date(2026, 10, 30, 10).getTime();
const EXAM = '2026-12-11';
const AT = examMoment(EXAM, 4);
const TODAY = studyDay(NOW, 4);

/** A studied card last reviewed `daysAgo` days before NOW with the given stability (days). */
const studied = (cardId: string, stability: number, daysAgo = 0, due = NOW + stability * DAY) =>
	reviewedState(cardId, stability, NOW - daysAgo * DAY, { due });

const cards = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id }));
const options = { at: AT, target: 0.9, dayStart: TODAY.start, dayEnd: TODAY.end };
const ids = (queue: { card: { id: string } }[]) => queue.map((e) => e.card.id);

describe('examTiming', () => {
	it('counts study days to the exam and predicts for the start of the exam day', () => {
		const timing = examTiming(EXAM, NOW, 4);
		expect(timing).toEqual({ date: EXAM, status: 'upcoming', daysLeft: 11, at: AT });
		expect(AT).toBe(new Date(2026, 11, 11, 4).getTime());
		expect(examCountdown(timing)).toBe('in 11 days');
		expect(formatExamDate(EXAM)).toBe('Fri 11 Dec 2026');
	});

	it('on the exam day predicts for now; the day after, the exam is past', () => {
		const onTheDay = new Date(2026, 11, 11, 9).getTime();
		expect(examTiming(EXAM, onTheDay, 4)).toMatchObject({ status: 'today', daysLeft: 0 });
		expect(examTiming(EXAM, onTheDay, 4).at).toBe(onTheDay);
		expect(examCountdown(examTiming(EXAM, onTheDay, 4))).toBe('today');
		const dayAfter = new Date(2026, 11, 12, 9).getTime();
		expect(examTiming(EXAM, dayAfter, 4)).toMatchObject({ status: 'past', daysLeft: -1 });
		expect(examCountdown(examTiming(EXAM, dayAfter, 4))).toBe('passed');
	});

	it('at 2 am the study day is still the day before: an exam "today" by the calendar is tomorrow', () => {
		const twoAm = new Date(2026, 11, 11, 2).getTime();
		expect(examTiming(EXAM, twoAm, 4)).toMatchObject({ status: 'upcoming', daysLeft: 1 });
		expect(examCountdown(examTiming(EXAM, twoAm, 4))).toBe('tomorrow');
	});
});

describe('examForecast', () => {
	it('counts cards predicted below the target at the exam, never-studied cards as below', () => {
		const states = new Map([
			['a', studied('a', 100)], // strong: well above 90 % in 11 days
			['b', studied('b', 2)], // weak: well below
			['c', studied('c', 11.8)] // recall at the exam is just above 90 %
		]);
		expect(recallAt(states.get('c'), AT)).toBeGreaterThan(0.9);
		expect(examForecast(cards, states, AT, 0.9)).toEqual({ total: 6, below: 4, neverStudied: 3 });
		// A stricter target puts the borderline card below too.
		expect(examForecast(cards, states, AT, 0.95).below).toBe(5);
	});
});

describe('examQueue', () => {
	it('orders studied cards by lowest predicted recall, then new cards in deck order', () => {
		const states = new Map([
			['a', studied('a', 3, 1)],
			['b', studied('b', 1, 1)],
			['c', studied('c', 100, 1)], // ready: left out
			['e', studied('e', 3, 1)] // same recall as a: deck order breaks the tie
		]);
		const queue = examQueue(cards, states, options);
		expect(ids(queue)).toEqual(['b', 'a', 'e', 'd', 'f']);
		expect(queue.map((e) => e.state?.cardId ?? null)).toEqual(['b', 'a', 'e', null, null]);
	});

	it('includes every new card, whatever the daily new-card limit', () => {
		const many = Array.from({ length: 60 }, (_, i) => ({ id: `n${i}` }));
		expect(examQueue(many, new Map(), options)).toHaveLength(60);
	});

	it('is empty once every card is predicted at the target', () => {
		const states = new Map(cards.map((c) => [c.id, studied(c.id, 400, 1)]));
		expect(examQueue(cards, states, options)).toEqual([]);
		expect(examForecast(cards, states, AT, 0.9).below).toBe(0);
	});

	it('leaves out a card reviewed today unless a learning step makes it due again today', () => {
		const reviewedToday = studied('a', 2, 0);
		const learning = { ...studied('b', 0.5, 0, NOW + 10 * 60_000), state: State.Relearning };
		const states = new Map([
			['a', reviewedToday],
			['b', learning]
		]);
		expect(ids(examQueue(cards.slice(0, 2), states, options))).toEqual(['b']);
	});

	it('on the exam day predicts for now: yesterday’s weak card is due, a card fresh this morning is not', () => {
		const onTheDay = new Date(2026, 11, 11, 11).getTime();
		const day = studyDay(onTheDay, 4);
		const at = examTiming(EXAM, onTheDay, 4).at;
		const states = new Map([
			['a', { ...studied('a', 0.5), lastReview: onTheDay - DAY }],
			['b', { ...studied('b', 3), lastReview: onTheDay - 60 * 60_000 }]
		]);
		const queue = examQueue(cards.slice(0, 2), states, {
			at,
			target: 0.9,
			dayStart: day.start,
			dayEnd: day.end
		});
		expect(ids(queue)).toEqual(['a']);
	});
});

describe('examRequeue', () => {
	const entry = (id: string, due: number) => ({ card: { id }, state: studied(id, 1, 0, due) });
	it('sends a card with a learning step due today to the end, and drops one due later', () => {
		const rest = [entry('x', NOW), entry('y', NOW)];
		expect(ids(examRequeue(rest, entry('a', NOW + 600_000), TODAY.end))).toEqual(['x', 'y', 'a']);
		expect(ids(examRequeue(rest, entry('a', TODAY.end + DAY), TODAY.end))).toEqual(['x', 'y']);
	});
});

describe('examDateForDeadline', () => {
	it('is the study day the deadline falls in, or null once it has passed', () => {
		const dueEvening = new Date(2026, 11, 11, 23, 59).toISOString();
		expect(examDateForDeadline(dueEvening, NOW, 4)).toBe(EXAM);
		// Due at 1 am on the 12th: still the 11th's study day, which starts before the deadline.
		const dueAt1 = new Date(2026, 11, 12, 1).toISOString();
		expect(examDateForDeadline(dueAt1, NOW, 4)).toBe(EXAM);
		const overdue = new Date(2026, 10, 20, 12).toISOString();
		expect(examDateForDeadline(overdue, NOW, 4)).toBeNull();
		expect(examDateForDeadline('not a date', NOW, 4)).toBeNull();
	});
});
