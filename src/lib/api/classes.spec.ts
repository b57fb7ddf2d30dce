import { describe, expect, it } from 'vitest';
import {
	EditAssignmentSchema,
	ExtensionsSchema,
	JoinClassSchema,
	MAX_PROGRESS_CARDS,
	MAX_ROSTER_ENTRIES,
	NewClassSchema,
	ProgressSchema,
	classDashboardPage,
	classJoinPage,
	classPath,
	effectiveTimeLimit,
	isClassCode,
	studentOrderSeed
} from './classes';
import { NewAssignmentSchema, validate } from './schemas';

const card = {
	cardId: 'history-001',
	stability: 3.2,
	difficulty: 5,
	lastReview: '2026-11-30T10:00:00Z',
	reps: 2,
	lapses: 0,
	state: 2
};

describe('the classes contract', () => {
	it('takes a class with a pasted roster or a list, and names what is wrong', () => {
		expect(validate(NewClassSchema, { name: ' Term 1 ', roster: 'Ana, 1\nBo, 2' })).toEqual({
			ok: true,
			value: { name: 'Term 1', roster: 'Ana, 1\nBo, 2' }
		});
		expect(validate(NewClassSchema, { name: 'T', roster: [{ name: 'Ana' }] }).ok).toBe(true);
		expect(validate(NewClassSchema, { name: 'Ann\u202Ee' })).toMatchObject({
			ok: false,
			error: expect.stringContaining('name: must not contain bidirectional')
		});
		const many = Array.from({ length: MAX_ROSTER_ENTRIES + 1 }, () => ({ name: 'A' }));
		expect(validate(NewClassSchema, { name: 'T', roster: many })).toMatchObject({
			ok: false,
			error: expect.stringContaining(`at most ${MAX_ROSTER_ENTRIES} students, got 2001`)
		});
		expect(validate(NewClassSchema, { name: 'T', roster: 5 })).toMatchObject({ ok: false });
	});

	it('reads a join with an optional member key and confirmation', () => {
		const join = { studentId: 'stu-00000001', name: 'Ana', memberKey: 'k'.repeat(43) };
		expect(validate(JoinClassSchema, { ...join, confirmRosterId: null }).ok).toBe(true);
		expect(validate(JoinClassSchema, { ...join, memberKey: 'short' })).toMatchObject({
			ok: false,
			error: expect.stringContaining('memberKey')
		});
	});

	it('refuses an empty edit, and progress or extensions over their limits', () => {
		expect(validate(EditAssignmentSchema, {})).toMatchObject({
			ok: false,
			error: expect.stringContaining('at least one field')
		});
		expect(validate(EditAssignmentSchema, { closed: true }).ok).toBe(true);
		expect(validate(ExtensionsSchema, { studentIds: [], dueAt: null })).toMatchObject({
			ok: false,
			error: expect.stringContaining('studentIds')
		});
		const cards = Array.from({ length: MAX_PROGRESS_CARDS + 1 }, () => card);
		expect(validate(ProgressSchema, { studentId: 'stu-00000001', cards })).toMatchObject({
			ok: false,
			error: expect.stringContaining(`at most ${MAX_PROGRESS_CARDS} cards`)
		});
		const parsed = validate(ProgressSchema, { studentId: 'stu-00000001', cards: [card] });
		expect(parsed.ok && parsed.value.cards[0]!.lastReview).toBe(Date.UTC(2026, 10, 30, 10));
	});

	it('takes class fields on a new assignment; a card list only for a review', () => {
		const quiz = {
			title: 'Q',
			deckId: 'history',
			mode: 'quiz',
			questionCount: 5,
			passMark: 0.7,
			dueAt: '2099-01-01'
		};
		expect(validate(NewAssignmentSchema, { ...quiz, classCode: 'ABCDEFG' })).toMatchObject({
			ok: true,
			value: { classCode: 'ABCDEFG', timeLimitMinutes: null, shuffle: false }
		});
		expect(validate(NewAssignmentSchema, { ...quiz, cardIds: ['x'] })).toMatchObject({
			ok: false,
			error: expect.stringContaining('cardIds: only a review assignment')
		});
		expect(validate(NewAssignmentSchema, { ...quiz, timeLimitMinutes: 0 })).toMatchObject({
			ok: false,
			error: expect.stringContaining('timeLimitMinutes')
		});
		const review = { title: 'R', deckId: 'all', mode: 'review', dueAt: '2099-01-01' };
		expect(validate(NewAssignmentSchema, { ...review, cardIds: ['a', 'b'] }).ok).toBe(true);
		expect(validate(NewAssignmentSchema, { ...review, cardIds: [] }).ok).toBe(false);
	});

	it('gives each student one order seed per assignment, and the paths', () => {
		expect(studentOrderSeed('ABCDEFG', 'stu-1')).toBe(studentOrderSeed('ABCDEFG', 'stu-1'));
		expect(studentOrderSeed('ABCDEFG', 'stu-1')).not.toBe(studentOrderSeed('ABCDEFG', 'stu-2'));
		expect(effectiveTimeLimit(20, 1.5)).toBe(30);
		expect(effectiveTimeLimit(null, 2)).toBeNull();
		expect(isClassCode('ABCDEFG')).toBe(true);
		expect(isClassCode('ABCDEF0')).toBe(false);
		expect(classPath('ABCDEFG', 'members')).toBe('classes/ABCDEFG/members');
		expect(classJoinPage('ABCDEFG')).toBe('/class/ABCDEFG');
		expect(classDashboardPage('ABCDEFG', 'k')).toBe('/teach/class/ABCDEFG#key=k');
	});
});
