import { describe, expect, it } from 'vitest';
import type { ClassAssignment } from '$lib/storage/classes';
import { classQuiz } from '$lib/storage/fixtures/class-assignment';
import { newOutboxItem, type OutboxRow } from '$lib/storage/outbox';
import { classAssignmentRow } from './assignment-rows';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const BEFORE_DUE = MOCK_NOW;
const AFTER_DUE = Date.UTC(2026, 0, 12);

const quiz = classQuiz();
const review: ClassAssignment = {
	...quiz,
	code: 'REV2345',
	mode: 'review',
	questionIds: ['a', 'b', 'c', 'd'],
	extendedTo: null,
	dueAt: '2026-01-10T17:00:00.000Z',
	timeLimitMinutes: null,
	effectiveTimeLimitMinutes: null,
	cardsStudied: 0
};
const result = (late: boolean, score = 80) => ({
	id: 'att-1',
	score,
	passed: true,
	late,
	finishedAt: '2026-01-05T09:00:00.000Z',
	overtime: false,
	counts: true
});
const item = (code: string, status: OutboxRow['status'], id = 'att-2'): OutboxRow => ({
	...newOutboxItem(code, { id }, MOCK_NOW),
	status
});

describe('class assignment rows', () => {
	it('give the student’s due date with its extension, the limit with extra time, closed', () => {
		const row = classAssignmentRow({ ...quiz, closed: true }, [], BEFORE_DUE);
		expect(row).toMatchObject({
			dueAt: '2026-01-11T17:00:00.000Z',
			extendedFrom: '2026-01-10T17:00:00.000Z',
			timeLimitMinutes: 30,
			closed: true,
			inClass: true,
			state: 'missing'
		});
		expect(classAssignmentRow(review, [], BEFORE_DUE).extendedFrom).toBeNull();
	});

	it('say where a quiz stands: to do, waiting to send, done, done late, missing', () => {
		const state = (a: ClassAssignment, items: OutboxRow[] = [], now = BEFORE_DUE) => {
			const row = classAssignmentRow(a, items, now);
			return [row.state, row.stateText];
		};
		expect(state(quiz)).toEqual(['to do', 'to do']);
		expect(state(quiz, [item('QUZ2345', 'waiting')])).toEqual(['waiting', 'done, waiting to send']);
		expect(state(quiz, [item('QUZ2345', 'sent')])).toEqual(['done', 'done, sent']);
		expect(state({ ...quiz, results: [result(false)] })).toEqual(['done', 'done, 80 %']);
		expect(state({ ...quiz, results: [result(true, 55.5)] })).toEqual(['late', 'done late, 56 %']);
		expect(state(quiz, [], AFTER_DUE)).toEqual(['missing', 'missing']);
		expect(state(quiz, [item('OTHER23', 'sent')], AFTER_DUE)).toEqual(['missing', 'missing']);
	});

	it('count a review’s cards studied, with progress waiting to send', () => {
		const state = (a: ClassAssignment, items: OutboxRow[] = [], now = BEFORE_DUE) => {
			const row = classAssignmentRow(a, items, now);
			return [row.state, row.stateText];
		};
		expect(state(review)).toEqual(['to do', '0 of 4 cards studied']);
		expect(state({ ...review, cardsStudied: 2 })).toEqual(['studying', '2 of 4 cards studied']);
		expect(state(review, [item('REV2345', 'waiting')])).toEqual([
			'studying',
			'0 of 4 cards studied, progress waiting to send'
		]);
		expect(state({ ...review, cardsStudied: 4 })).toEqual(['done', '4 of 4 cards studied']);
		expect(state(review, [], AFTER_DUE)).toEqual(['missing', 'missing: 0 of 4 cards studied']);
		// A report the server refused is shown, never silently dropped (it said nothing before).
		const refused = {
			...item('REV2345', 'rejected', 'progress:REV2345'),
			kind: 'progress' as const
		};
		expect(state({ ...review, cardsStudied: 2 }, [refused], AFTER_DUE)).toEqual([
			'refused',
			'2 of 4 cards studied, progress refused by the server (sent again when you next study)'
		]);
		expect(state(review, [refused, item('REV2345', 'waiting', 'progress:REV2345')])[0]).toBe(
			'studying'
		);
	});
});
