import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	AcceptanceSchema,
	AssignmentViewSchema,
	DEFAULT_PASS_MARK,
	JOIN_CODE_ALPHABET,
	JOIN_CODE_PATTERN,
	NewAssignmentSchema,
	NewSubmissionSchema,
	QuizResponseSchema,
	validate
} from './schemas';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

const quiz = {
	title: 'SCO quiz',
	deckId: 'sco',
	mode: 'quiz',
	questionCount: 10,
	passMark: 0.8,
	dueAt: '2026-01-10T17:00:00Z'
};
const submission = {
	id: 'sub-00001',
	studentId: 'student-1',
	name: 'Ann',
	answers: [{ cardId: 'c1', response: { kind: 'choice', option: 'Beijing' } }],
	startedAt: MOCK_NOW - 60_000,
	finishedAt: MOCK_NOW
};

describe('the join code', () => {
	it('is exactly the 7 characters the server issues', () => {
		expect(JOIN_CODE_PATTERN.test('ABC2345')).toBe(true);
		expect(JOIN_CODE_PATTERN.test(JOIN_CODE_ALPHABET.slice(0, 7))).toBe(true);
		// 6 and 8 characters, and the look-alikes 0, O, 1, I and L, are not codes.
		for (const code of [
			'ABC234',
			'ABC23456',
			'ABC0345',
			'ABCO345',
			'ABC1345',
			'ABCI345',
			'ABCL345'
		])
			expect(JOIN_CODE_PATTERN.test(code), code).toBe(false);
	});
});

describe('POST /api/assignments bodies', () => {
	it('fills the defaults: unlimited attempts, the best counts; a review passes at 0.7', () => {
		expect(v.parse(NewAssignmentSchema, quiz)).toMatchObject({
			maxAttempts: null,
			counts: 'best',
			instructions: ''
		});
		const review = v.parse(NewAssignmentSchema, { ...quiz, mode: 'review', passMark: undefined });
		expect(review.passMark).toBe(DEFAULT_PASS_MARK);
		expect(DEFAULT_PASS_MARK).toBe(0.7);
	});

	it.each([
		[{ title: '   ' }, /^title: /],
		[{ title: 'x'.repeat(121) }, /^title: /],
		[{ questionCount: 51 }, /^questionCount: /],
		[{ questionCount: 2.5 }, /^questionCount: /],
		[{ passMark: 1.1 }, /^passMark: /],
		[{ dueAt: 'next Friday' }, /^dueAt: must be an ISO 8601 date$/],
		[{ dueAt: '2026-02-30T25:00' }, /^dueAt: /],
		[{ maxAttempts: 3 }, /^maxAttempts: must be 1 or null \(unlimited\)$/],
		[{ counts: 'worst' }, /^counts: must be "first", "best" or "latest"$/],
		[{ instructions: 'x'.repeat(2001) }, /^instructions: /],
		[{ mode: 'exam' }, /^mode: /]
	])('refuses %j, naming the field', (change, error) => {
		const result = validate(NewAssignmentSchema, { ...quiz, ...change });
		expect(result.ok).toBe(false);
		expect(!result.ok && result.error).toMatch(error);
	});
});

describe('POST /api/assignments/<code>/submissions bodies', () => {
	it.each([
		['a quiz attempt', submission],
		['a review report', { ...submission, answers: undefined, reviewed: ['c1', 'c2'] }],
		[
			'ISO times',
			{
				...submission,
				startedAt: '2026-01-05T08:59:00Z',
				finishedAt: '2026-01-05T09:00:00.000+00:00'
			}
		],
		['a name of spaces around 80 letters', { ...submission, name: ` ${'x'.repeat(80)} ` }]
	])('accepts %s', (_, body) => {
		expect(validate(NewSubmissionSchema, body).ok).toBe(true);
	});

	it('reads times as epoch milliseconds and defaults the lists to []', () => {
		const body = v.parse(NewSubmissionSchema, {
			...submission,
			answers: undefined,
			startedAt: '2026-01-05T08:59:00Z'
		});
		expect(body).toMatchObject({ answers: [], reviewed: [], startedAt: MOCK_NOW - 60_000 });
	});

	it.each([
		[{ id: 'short' }, 'id: must be 8-64 letters, digits or hyphens'],
		[{ studentId: 'has space 1' }, 'studentId: must be 8-64 letters, digits or hyphens'],
		[{ name: '   ' }, 'name: must be 1-80 characters'],
		[{ name: 'x'.repeat(81) }, 'name: must be 1-80 characters'],
		[{ finishedAt: MOCK_NOW - 120_000 }, 'finishedAt: must not be before startedAt'],
		[{ startedAt: Date.UTC(1999, 0, 1) }, 'startedAt: must be between 2000 and 2100'],
		[{ startedAt: true }, 'startedAt: must be an ISO 8601 string or epoch milliseconds'],
		[
			{ answers: [{ cardId: 'c1', response: { kind: 'essay', text: 'x' } }] },
			/^answers\.0\.response\.kind: /
		],
		[
			{ answers: [{ cardId: 'c1', response: { kind: 'text', text: 'x'.repeat(1001) } }] },
			/^answers\.0\.response\.text: /
		],
		[
			{ answers: [{ cardId: 'c1', response: { kind: 'truefalse', value: 'yes' } }] },
			/^answers\.0\.response\.value: /
		]
	])('refuses %j with "%s"', (change, error) => {
		const result = validate(NewSubmissionSchema, { ...submission, ...change });
		expect(result.ok ? 'accepted' : result.error).toMatch(error);
	});

	it('names the body when it is not an object', () => {
		expect(validate(NewSubmissionSchema, [1, 2])).toMatchObject({ ok: false, error: /^body: / });
	});
});

describe('responses, acceptances and the assignment a student joins', () => {
	it('takes one response shape per kind', () => {
		for (const response of [
			{ kind: 'choice', option: 'A' },
			{ kind: 'truefalse', value: false },
			{ kind: 'text', text: '' },
			{ kind: 'blanks', texts: ['a', 'b'] },
			{ kind: 'number', text: '12' },
			{ kind: 'order', events: ['x', 'y'] }
		])
			expect(v.is(QuizResponseSchema, response), response.kind).toBe(true);
		expect(v.is(QuizResponseSchema, { kind: 'choice', text: 'A' })).toBe(false);
	});

	it('refuses an acceptance without a card', () => {
		const result = validate(AcceptanceSchema, { response: { kind: 'text', text: 'x' } });
		expect(!result.ok && result.error).toMatch(/^cardId: /);
	});

	it('refuses an assignment whose code the server would never issue', () => {
		const assignment = {
			code: 'ABC2345',
			title: 'SCO',
			deckId: 'sco',
			deckTitle: 'SCO',
			mode: 'quiz',
			questionIds: ['c1'],
			passMark: 0.7,
			dueAt: '2026-01-10T17:00:00.000Z',
			instructions: '',
			createdAt: '2026-01-05T09:00:00.000Z',
			maxAttempts: null,
			counts: 'best'
		};
		expect(validate(AssignmentViewSchema, assignment).ok).toBe(true);
		const result = validate(AssignmentViewSchema, { ...assignment, code: 'ABC23456' });
		expect(!result.ok && result.error).toMatch(/^code: /);
	});
});
