import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	AcceptanceSchema,
	AssignmentViewSchema,
	DEFAULT_PASS_MARK,
	JOIN_CODE_ALPHABET,
	JOIN_CODE_PATTERN,
	NewAssignmentSchema,
	MAX_ANSWERS_PER_SUBMISSION,
	MAX_RESPONSE_TOTAL_CHARS,
	NewSubmissionSchema,
	QuizResponseSchema,
	isCalendarDate,
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

describe('limits and clean text (issue 15)', () => {
	const answer = (i: number, response: object = { kind: 'choice', option: 'x' }) => ({
		cardId: `c${i}`,
		response
	});

	it('refuses more answers than a quiz can have, naming the limit', () => {
		const many = Array.from({ length: MAX_ANSWERS_PER_SUBMISSION }, (_, i) => answer(i));
		expect(validate(NewSubmissionSchema, { ...submission, answers: many }).ok).toBe(true);
		const result = validate(NewSubmissionSchema, {
			...submission,
			answers: [...many, answer(99)]
		});
		expect(result).toEqual({
			ok: false,
			error: `answers: at most ${MAX_ANSWERS_PER_SUBMISSION} answers in one submission, got ${MAX_ANSWERS_PER_SUBMISSION + 1}`
		});
	});

	it('caps the characters of one response in all its texts, naming the limit and where', () => {
		const blanks = (...lengths: number[]) => ({
			kind: 'blanks',
			texts: lengths.map((n) => 'x'.repeat(n))
		});
		expect(MAX_RESPONSE_TOTAL_CHARS).toBe(2000);
		const fits = { ...submission, answers: [answer(1, blanks(1000, 1000))] };
		expect(validate(NewSubmissionSchema, fits).ok).toBe(true);
		const over = { ...submission, answers: [answer(0), answer(1, blanks(1000, 1000, 1))] };
		expect(validate(NewSubmissionSchema, over)).toEqual({
			ok: false,
			error: 'answers.1.response: at most 2000 characters in one response, got 2001'
		});
		const long = { ...submission, answers: [answer(0), answer(1, blanks(1001))] };
		expect(validate(NewSubmissionSchema, long)).toEqual({
			ok: false,
			error: 'answers.1.response.texts.0: at most 1000 characters, got 1001'
		});
		const events = { kind: 'order', events: Array.from({ length: 3 }, () => 'e'.repeat(700)) };
		expect(validate(AcceptanceSchema, { cardId: 'c1', response: events })).toEqual({
			ok: false,
			error: 'response: at most 2000 characters in one response, got 2100'
		});
	});

	it('knows real calendar dates and times', () => {
		for (const s of ['2024-02-29', '2025-02-28T23:59:59Z', '2025-12-31T00:00+14:00'])
			expect(isCalendarDate(s), s).toBe(true);
		for (const s of [
			'2025-02-29',
			'2025-02-30',
			'2025-04-31',
			'2025-13-01',
			'2025-00-10',
			'2025-01-00',
			'2025-05-09T24:00',
			'2025-05-09T12:60',
			'2025-05-09T12:00:60Z',
			'2025-05-09T12:00+24:00'
		])
			expect(isCalendarDate(s), s).toBe(false);
	});

	it.each([
		[
			NewAssignmentSchema,
			{ ...quiz, dueAt: '2025-02-30' },
			'dueAt: must be a real calendar date and time'
		],
		[
			NewSubmissionSchema,
			{ ...submission, startedAt: '2026-01-04T23:61:00Z' },
			'startedAt: must be a real calendar date and time'
		]
	])('refuses an impossible date instead of rolling it over (%#)', (schema, body, error) => {
		expect(validate(schema as v.GenericSchema, body)).toEqual({ ok: false, error });
	});

	it('stores names NFC-normalised', () => {
		const decomposed = 'Zoe\u0301 Ren\u0303e';
		const body = v.parse(NewSubmissionSchema, { ...submission, name: decomposed });
		expect(body.name).toBe('Zoé Reñe');
		expect(body.name).toBe(decomposed.normalize('NFC'));
		const title = v.parse(NewAssignmentSchema, { ...quiz, title: 'Cafe\u0301 quiz' }).title;
		expect(title).toBe('Café quiz');
	});

	it.each([
		[
			'a right-to-left override',
			'Ann\u202Egnp.exe',
			'name: must not contain bidirectional control characters'
		],
		[
			'a first-strong isolate',
			'\u2068Bo\u2069',
			'name: must not contain bidirectional control characters'
		],
		['a right-to-left mark', 'Bo\u200F', 'name: must not contain bidirectional control characters'],
		[
			'a lone high surrogate',
			'Bo \uD83D',
			'name: must not contain a lone surrogate (half a character)'
		],
		[
			'a lone low surrogate',
			'\uDE00 Bo',
			'name: must not contain a lone surrogate (half a character)'
		]
	])('refuses a name with %s', (_, name, error) => {
		expect(validate(NewSubmissionSchema, { ...submission, name })).toEqual({ ok: false, error });
	});

	it('keeps whole emoji and scripts written right to left', () => {
		for (const name of ['Bo 😀', 'مريم آصف', 'שרה'])
			expect(validate(NewSubmissionSchema, { ...submission, name }).ok, name).toBe(true);
		expect(validate(NewSubmissionSchema, { ...submission, studentNumber: '\u202E42' })).toEqual({
			ok: false,
			error: 'studentNumber: must not contain bidirectional control characters'
		});
		expect(validate(NewAssignmentSchema, { ...quiz, title: 'x\u202Dy' })).toMatchObject({
			ok: false,
			error: 'title: must not contain bidirectional control characters'
		});
	});
});
