import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOIN_CODE_PATTERN } from '$lib/api';
import type { Card } from '$lib/decks/types';
import type { QuizResponse } from '$lib/quiz';
import {
	createAssignment,
	csvCell,
	getAssignment,
	getResults,
	resultsCsv,
	submitAssignment,
	CLOCK_SKEW_MS,
	acceptResponse,
	undoAcceptance
} from './assignments';
import { MIGRATIONS, openDatabase, SCHEMA_VERSION, type DB } from './db';
import { getDecks } from './decks';
import { RateLimiter } from './rate-limit';

const MOCK_NOW = Date.UTC(2025, 4, 5, 9, 0);
/** When the submissions below reach the server: after they finish (09:05). */
const SENT = Date.UTC(2025, 4, 5, 9, 10);
const DUE = '2025-05-09T17:00:00.000Z';
const { decks } = getDecks();
const cardById = new Map(decks.find((d) => d.id === 'all')!.cards.map((c) => [c.id, c]));

/** A response the app's own grader marks right. */
function rightAnswer(card: Card): QuizResponse {
	switch (card.type) {
		case 'mcq':
			return { kind: 'choice', option: card.options[0]! };
		case 'truefalse':
			return { kind: 'truefalse', value: card.statementIsTrue };
		case 'basic':
		case 'typed':
			return { kind: 'text', text: card.answer };
		case 'cloze':
			return { kind: 'blanks', texts: card.blanks.map((b) => b.answer) };
		case 'numeric':
			return { kind: 'number', text: `${card.value} ${card.unit}` };
		case 'ordering':
			return { kind: 'order', events: card.events };
	}
}

/** A response of the right kind that is wrong. */
function wrongAnswer(card: Card): QuizResponse {
	const right = rightAnswer(card);
	switch (right.kind) {
		case 'choice':
			return { kind: 'choice', option: 'Not an option' };
		case 'truefalse':
			return { kind: 'truefalse', value: !right.value };
		case 'text':
			return { kind: 'text', text: 'qqqq zzzz' };
		case 'blanks':
			return { kind: 'blanks', texts: right.texts.map(() => 'qqqq zzzz') };
		case 'number':
			return { kind: 'number', text: '-987654321' };
		case 'order':
			return { kind: 'order', events: [...right.events].reverse() };
	}
}

let dir: string;
let db: DB;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'meridian-db-'));
	db = openDatabase(join(dir, 'nested', 'test.sqlite'));
});
afterEach(() => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
});

const newQuiz = (overrides: object = {}) =>
	createAssignment(
		db,
		decks,
		{
			title: 'SCO quiz',
			deckId: 'risk-benefit',
			mode: 'quiz',
			questionCount: 6,
			passMark: 0.5,
			dueAt: DUE,
			...overrides
		},
		MOCK_NOW
	);

const submission = (id: string, answers: { cardId: string; response: QuizResponse }[]) => ({
	id,
	studentId: 'student-0001',
	name: 'Ana',
	answers,
	startedAt: MOCK_NOW,
	finishedAt: '2025-05-05T09:05:00Z'
});

describe('the database', () => {
	it('creates its folder, the schema at the latest version, WAL and foreign keys', () => {
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
		const versions = db.prepare('SELECT version FROM migrations').all();
		expect(versions).toHaveLength(SCHEMA_VERSION);
	});

	it('opens an existing database without applying migrations twice', () => {
		const path = db.name;
		db.close();
		db = openDatabase(path);
		expect(db.prepare('SELECT COUNT(*) AS n FROM migrations').get()).toEqual({ n: SCHEMA_VERSION });
	});
});

describe('assignments', () => {
	it('draws a quiz once, from quizzable cards, capped at what the deck has', () => {
		const { code, instructorKey } = newQuiz({ questionCount: 50 });
		expect(code).toMatch(JOIN_CODE_PATTERN);
		expect(Buffer.from(instructorKey, 'base64url')).toHaveLength(32);
		const assignment = getAssignment(db, decks, code);
		const sco = decks.find((d) => d.id === 'risk-benefit')!;
		expect(assignment.questionIds.length).toBeLessThanOrEqual(50);
		expect(assignment.questionIds.length).toBeLessThanOrEqual(sco.cards.length);
		expect(new Set(assignment.questionIds).size).toBe(assignment.questionIds.length);
		expect(assignment).toMatchObject({ deckTitle: sco.title, dueAt: DUE, instructions: '' });
		// Only the key's hash is stored.
		const row = db.prepare('SELECT * FROM assignments').get() as Record<string, unknown>;
		expect(JSON.stringify(row)).not.toContain(instructorKey);
	});

	it('asks every card of the deck in review mode', () => {
		const { code } = newQuiz({ mode: 'review', questionCount: undefined });
		const sco = decks.find((d) => d.id === 'risk-benefit')!;
		expect(getAssignment(db, decks, code).questionIds).toEqual(sco.cards.map((c) => c.id));
	});
});

describe('submissions', () => {
	it('grades on the server, ignoring a forged score, and counts skipped questions as wrong', () => {
		const { code } = newQuiz();
		const ids = getAssignment(db, decks, code).questionIds;
		const answers = ids.slice(0, 3).map((cardId) => ({
			cardId,
			response: rightAnswer(cardById.get(cardId)!)
		}));
		answers.push({ cardId: ids[3]!, response: wrongAnswer(cardById.get(ids[3]!)!) });
		const body = { ...submission('sub-00000001', answers), score: 100, passed: true, correct: 6 };
		const { created, result } = submitAssignment(db, decks, code, body, SENT);
		expect(created).toBe(true);
		expect(result).toEqual({
			id: 'sub-00000001',
			score: 50,
			passed: true,
			late: false,
			sentAfterDue: false,
			correct: 3,
			total: 6
		});
	});

	it('stores a resent id once and answers with the stored result, even if the body differs', () => {
		const { code } = newQuiz();
		const first = submitAssignment(db, decks, code, submission('sub-00000002', []), SENT);
		const again = submitAssignment(
			db,
			decks,
			code,
			{ id: 'sub-00000002', name: 'Changed', answers: 'nonsense' },
			SENT + 1000
		);
		expect(again).toEqual({ created: false, result: first.result });
		expect(db.prepare('SELECT COUNT(*) AS n FROM submissions').get()).toEqual({ n: 1 });
	});

	it('judges lateness by the finish time, bounded by when the server received it', () => {
		const { code } = newQuiz();
		const due = Date.parse(DUE);
		const send = (id: string, finishedAt: number, now: number) =>
			submitAssignment(
				db,
				decks,
				code,
				{ ...submission(id, []), startedAt: finishedAt - 60_000, finishedAt },
				now
			).result;
		// Finished offline before the due time, sent two days later: on time, sent later.
		expect(send('sub-00000030', due - 60_000, due + 2 * 86_400_000)).toMatchObject({
			late: false,
			sentAfterDue: true,
			score: 0
		});
		// Finished after the due time: late, and kept.
		expect(send('sub-00000031', due + 1, due + 5_000)).toMatchObject({
			late: true,
			sentAfterDue: true
		});
		// A fast clock within the allowance: read as the time of receipt, so late after the due time.
		expect(send('sub-00000032', due + 60_000, due + 1)).toMatchObject({ late: true });
		expect(send('sub-00000033', due - 1, due - 1)).toMatchObject({
			late: false,
			sentAfterDue: false
		});
		const stored = db
			.prepare('SELECT finished_at, received_at FROM submissions WHERE id = ?')
			.get('sub-00000032');
		expect(stored).toEqual({ finished_at: due + 1, received_at: due + 1 });
	});

	it.each([
		['more than 2 minutes in the future', SENT + CLOCK_SKEW_MS + 1, SENT - 60_000, 'finishedAt'],
		['before the start', SENT - 60_000, SENT - 30_000, 'finishedAt']
	])('refuses a finish time %s with 400 and stores nothing', (_, finishedAt, startedAt, field) => {
		const { code } = newQuiz();
		const body = { ...submission('sub-00000040', []), startedAt, finishedAt };
		expect(() => submitAssignment(db, decks, code, body, SENT)).toThrow(
			expect.objectContaining({ status: 400, message: expect.stringMatching(`^${field}: `) })
		);
		expect(db.prepare('SELECT COUNT(*) AS n FROM submissions').get()).toEqual({ n: 0 });
	});

	it('records what was studied in review mode, with no score', () => {
		const { code } = newQuiz({ mode: 'review' });
		const ids = getAssignment(db, decks, code).questionIds;
		const body = { ...submission('sub-00000004', []), reviewed: ids.slice(0, 2) };
		const { result } = submitAssignment(db, decks, code, body, SENT);
		expect(result).toEqual({
			id: 'sub-00000004',
			score: null,
			passed: null,
			late: false,
			sentAfterDue: false,
			correct: 2,
			total: ids.length
		});
	});
});

describe('results', () => {
	it('lists attempts per student and per-question shares and the most common wrong answer', () => {
		const { code, instructorKey } = newQuiz();
		const [first, second] = getAssignment(db, decks, code).questionIds as [string, string];
		const card = cardById.get(first)!;
		const answer = (response: QuizResponse) => [{ cardId: first, response }];
		submitAssignment(db, decks, code, submission('sub-0000000a', answer(rightAnswer(card))), SENT);
		submitAssignment(
			db,
			decks,
			code,
			submission('sub-0000000b', answer(wrongAnswer(card))),
			SENT + 1
		);
		const other = {
			...submission('sub-0000000c', answer(wrongAnswer(card))),
			studentId: 'student-0002'
		};
		submitAssignment(db, decks, code, other, SENT + 2);
		const results = getResults(db, decks, code, instructorKey);
		expect(results.submissions.map((s) => [s.studentId, s.attempt])).toEqual([
			['student-0001', 1],
			['student-0001', 2],
			['student-0002', 1]
		]);
		expect(results.submissions[0]).toMatchObject({
			durationMs: 300_000,
			startedAt: new Date(MOCK_NOW).toISOString(),
			receivedAt: new Date(SENT).toISOString(),
			studentNumber: null
		});
		const q = results.questions.find((q) => q.cardId === first)!;
		expect(q).toMatchObject({ answered: 3, prompt: card.prompt, quote: card.source.quote });
		expect(q.correctShare).toBeCloseTo(1 / 3);
		expect(q.mostCommonWrong).toBeTypeOf('string');
		expect(results.questions.find((q) => q.cardId === second)).toMatchObject({
			answered: 0,
			correctShare: 0,
			mostCommonWrong: null
		});
	});

	it('refuses a missing or wrong key with 401', () => {
		const { code, instructorKey } = newQuiz();
		const other = newQuiz().instructorKey;
		for (const key of [null, '', other, instructorKey.slice(1), 'x'.repeat(10_000)]) {
			expect(() => getResults(db, decks, code, key)).toThrow(
				expect.objectContaining({ status: 401 })
			);
		}
	});
});

describe('upgrading a database made by the first schema', () => {
	it('adds the new columns and tables in place, keeps the data and rejudges lateness', () => {
		const path = join(dir, 'v1.sqlite');
		const old = new Database(path);
		old.exec(
			'CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT'
		);
		old.exec(MIGRATIONS[0]!);
		old.prepare('INSERT INTO migrations VALUES (1, ?)').run('2025-01-01T00:00:00.000Z');
		old
			.prepare(
				`INSERT INTO assignments VALUES ('ABCDEFG', 'Old quiz', 'sco', 'quiz', '["x"]', 1, 0.7,
				'2025-05-09T17:00:00.000Z', '', 'hash', '2025-05-01T00:00:00.000Z')`
			)
			.run();
		const due = Date.parse('2025-05-09T17:00:00.000Z');
		const insert = old.prepare(
			`INSERT INTO submissions VALUES ('ABCDEFG', ?, 'stu-00000001', 'Ana', NULL, '[]', '[]', 0, 0,
				1, 0, 1, ?, ?, ?, 1)`
		);
		// Stored late by the old rule (received after the due time); one finished on time.
		insert.run('sub-on-time', due - 120_000, due - 60_000, due + 86_400_000);
		insert.run('sub-late', due - 120_000, due + 60_000, due + 86_400_000);
		old.close();

		const upgraded = openDatabase(path);
		try {
			expect(upgraded.prepare('SELECT MAX(version) AS v FROM migrations').get()).toEqual({
				v: SCHEMA_VERSION
			});
			expect(getAssignment(upgraded, decks, 'ABCDEFG')).toMatchObject({
				title: 'Old quiz',
				maxAttempts: null,
				counts: 'best'
			});
			const rows = upgraded.prepare('SELECT id, late FROM submissions ORDER BY id').all();
			expect(rows).toEqual([
				{ id: 'sub-late', late: 1 },
				{ id: 'sub-on-time', late: 0 }
			]);
			expect(upgraded.prepare('SELECT COUNT(*) AS n FROM acceptances').get()).toEqual({ n: 0 });
		} finally {
			upgraded.close();
		}
	});
});

describe('the attempts policy', () => {
	const sendAs = (code: string, id: string, studentId = 'student-0001', now = SENT) =>
		submitAssignment(db, decks, code, { ...submission(id, []), studentId }, now);

	it('refuses a second attempt with 409 when one is allowed; a retry stays idempotent', () => {
		const { code } = newQuiz({ maxAttempts: 1, counts: 'best' });
		expect(getAssignment(db, decks, code)).toMatchObject({ maxAttempts: 1, counts: 'first' });
		const first = sendAs(code, 'sub-00000050');
		expect(sendAs(code, 'sub-00000050', 'student-0001', SENT + 5)).toEqual({
			created: false,
			result: first.result
		});
		expect(() => sendAs(code, 'sub-00000051')).toThrow(
			expect.objectContaining({ status: 409, message: expect.stringMatching(/^studentId: /) })
		);
		expect(sendAs(code, 'sub-00000052', 'student-0002').created).toBe(true);
		expect(db.prepare('SELECT COUNT(*) AS n FROM submissions').get()).toEqual({ n: 2 });
	});

	it.each([
		['first', 'sub-00000060'],
		['best', 'sub-00000061'],
		['latest', 'sub-00000062']
	] as const)('with unlimited attempts, "%s" counts', (counts, expected) => {
		const { code, instructorKey } = newQuiz({ counts });
		const [q] = getAssignment(db, decks, code).questionIds as [string];
		const card = cardById.get(q)!;
		const send = (id: string, right: boolean, finishedAt: number) =>
			submitAssignment(
				db,
				decks,
				code,
				{
					...submission(id, [
						{ cardId: q, response: right ? rightAnswer(card) : wrongAnswer(card) }
					]),
					startedAt: finishedAt - 60_000,
					finishedAt
				},
				SENT
			);
		// Sent in another order than finished (an outbox sends in id order).
		send('sub-00000062', false, SENT - 60_000);
		send('sub-00000060', false, SENT - 180_000);
		send('sub-00000061', true, SENT - 120_000);
		const { submissions } = getResults(db, decks, code, instructorKey);
		expect(submissions.filter((s) => s.counts).map((s) => s.id)).toEqual([expected]);
		expect(submissions.map((s) => [s.id, s.attempt])).toEqual([
			['sub-00000062', 3],
			['sub-00000060', 1],
			['sub-00000061', 2]
		]);
	});

	it.each([
		['two attempts', { maxAttempts: 2 }, 'maxAttempts'],
		['a string', { maxAttempts: '1' }, 'maxAttempts'],
		['an unknown rule', { counts: 'worst' }, 'counts'],
		['a number for the rule', { counts: 1 }, 'counts']
	])('refuses %s with 400 naming the field', (_, change, field) => {
		expect(() => newQuiz(change)).toThrow(
			expect.objectContaining({ status: 400, message: expect.stringMatching(`^${field}: `) })
		);
		expect(db.prepare('SELECT COUNT(*) AS n FROM assignments').get()).toEqual({ n: 0 });
	});
});

describe('accepting a response for everyone', () => {
	/** A quiz with a typed question, two students who answered it wrongly the same way (give or take case). */
	function setUp() {
		const { code, instructorKey } = newQuiz({ questionCount: 50, passMark: 0.05 });
		const ids = getAssignment(db, decks, code).questionIds;
		const typedId = ids.find((id) => ['basic', 'typed'].includes(cardById.get(id)!.type))!;
		const otherId = ids.find((id) => id !== typedId)!;
		const send = (id: string, studentId: string, text: string) =>
			submitAssignment(
				db,
				decks,
				code,
				{
					...submission(id, [{ cardId: typedId, response: { kind: 'text', text } }]),
					studentId
				},
				SENT
			).result;
		send('sub-00000070', 'student-0001', 'Rosneft and Gazprom plc');
		send('sub-00000071', 'student-0002', 'rosneft & GAZPROM plc!');
		send('sub-00000072', 'student-0003', 'no idea');
		return { code, instructorKey, typedId, otherId, total: ids.length, send };
	}
	const scores = () =>
		db.prepare('SELECT id, score, passed, correct FROM submissions ORDER BY id').all();
	const snapshot = () =>
		JSON.stringify([
			db.prepare('SELECT * FROM submissions ORDER BY id').all(),
			db.prepare('SELECT * FROM acceptances').all(),
			db.prepare('SELECT * FROM grading_changes').all()
		]);

	it('regrades every submission that gave it, records the change, and can be undone', () => {
		const { code, instructorKey, typedId, total, send } = setUp();
		const before = scores();
		const response = { kind: 'text', text: 'Rosneft and Gazprom plc' };
		const change = acceptResponse(
			db,
			decks,
			code,
			instructorKey,
			{ cardId: typedId, response },
			SENT + 60_000
		);
		expect(change).toEqual({
			action: 'accept',
			cardId: typedId,
			given: 'Rosneft and Gazprom plc',
			at: new Date(SENT + 60_000).toISOString(),
			changed: 2
		});
		const one = Math.round((1 / total) * 1000) / 10;
		expect(scores()).toEqual([
			{ id: 'sub-00000070', score: one, passed: 1, correct: 1 },
			{ id: 'sub-00000071', score: one, passed: 1, correct: 1 },
			{ id: 'sub-00000072', score: 0, passed: 0, correct: 0 }
		]);
		// A submission arriving later with that response is graded with the acceptance too.
		expect(send('sub-00000073', 'student-0004', 'ROSNEFT AND GAZPROM PLC')).toMatchObject({
			score: one,
			correct: 1
		});
		const results = getResults(db, decks, code, instructorKey);
		const q = results.questions.find((x) => x.cardId === typedId)!;
		expect(q.accepted).toEqual([
			{ response, given: 'Rosneft and Gazprom plc', acceptedAt: change.at }
		]);
		expect(q.wrongResponses).toEqual([
			{ response: { kind: 'text', text: 'no idea' }, given: 'no idea', count: 1 }
		]);
		expect(resultsCsv(results.submissions).split('\r\n')[1]).toContain(`,${one},yes,`);

		const undo = undoAcceptance(
			db,
			decks,
			code,
			instructorKey,
			{ cardId: typedId, response: { kind: 'text', text: 'rosneft and gazprom PLC' } },
			SENT + 120_000
		);
		expect(undo).toMatchObject({ action: 'undo', changed: 3 });
		expect(scores().slice(0, 3)).toEqual(before);
		const after = getResults(db, decks, code, instructorKey);
		expect(after.changes.map((c) => [c.action, c.changed, c.at])).toEqual([
			['accept', 2, change.at],
			['undo', 3, undo.at]
		]);
		expect(after.questions.find((x) => x.cardId === typedId)!.wrongResponses[0]).toMatchObject({
			given: 'Rosneft and Gazprom plc',
			count: 3
		});
	});

	it.each([
		['an unknown question', () => ({ cardId: 'nope', response: text('no idea') }), 400, 'cardId'],
		[
			'a question of another quiz',
			(t: Ids) => ({ cardId: t.outside, response: text('x') }),
			400,
			'cardId'
		],
		[
			'a response nobody gave',
			(t: Ids) => ({ cardId: t.typedId, response: text('Lukoil') }),
			400,
			'response'
		],
		[
			'a question nobody answered',
			(t: Ids) => ({ cardId: t.otherId, response: text('no idea') }),
			400,
			'response'
		],
		[
			'an empty response',
			(t: Ids) => ({ cardId: t.typedId, response: text('   ') }),
			400,
			'response'
		],
		[
			'10,000 characters',
			(t: Ids) => ({ cardId: t.typedId, response: text('x'.repeat(10_000)) }),
			400,
			'response.text'
		],
		[
			'a response of another kind',
			(t: Ids) => ({ cardId: t.typedId, response: { kind: 'choice', option: 'no idea' } }),
			400,
			'response'
		],
		[
			'an unknown kind',
			(t: Ids) => ({ cardId: t.typedId, response: { kind: 'essay', text: 'no idea' } }),
			400,
			'response.kind'
		],
		['a number for the card', () => ({ cardId: 7, response: text('no idea') }), 400, 'cardId'],
		['no response', (t: Ids) => ({ cardId: t.typedId }), 400, 'response'],
		['a string for the body', () => 'accept it', 400, 'body']
	] as [string, (t: Ids) => unknown, number, string][])(
		'refuses %s with a 4xx naming the field, changing nothing',
		(_, make, status, field) => {
			const t = setUp();
			// A card of another section: never a question of this risk-benefit quiz.
			const outside = decks.find((d) => d.id === 'history')!.cards[0]!.id;
			const before = snapshot();
			expect(() =>
				acceptResponse(db, decks, t.code, t.instructorKey, make({ ...t, outside }), SENT)
			).toThrow(
				expect.objectContaining({
					status,
					message: expect.stringMatching(`^${field.replace('.', '\\.')}: `)
				})
			);
			expect(snapshot()).toBe(before);
		}
	);

	it('refuses a second acceptance (409), an undo of nothing (400) and a wrong key (401)', () => {
		const { code, instructorKey, typedId } = setUp();
		const body = { cardId: typedId, response: text('no idea') };
		acceptResponse(db, decks, code, instructorKey, body, SENT);
		const before = snapshot();
		expect(() => acceptResponse(db, decks, code, instructorKey, body, SENT)).toThrow(
			expect.objectContaining({ status: 409 })
		);
		const other = { cardId: typedId, response: text('Rosneft and Gazprom plc') };
		expect(() => undoAcceptance(db, decks, code, instructorKey, other, SENT)).toThrow(
			expect.objectContaining({ status: 400, message: expect.stringMatching(/^response: /) })
		);
		expect(() => acceptResponse(db, decks, code, 'wrong', other, SENT)).toThrow(
			expect.objectContaining({ status: 401 })
		);
		expect(snapshot()).toBe(before);
	});
});

interface Ids {
	typedId: string;
	otherId: string;
	outside: string;
}
const text = (t: string): QuizResponse => ({ kind: 'text', text: t });

describe('CSV', () => {
	it('quotes per RFC 4180 and neutralises formulas', () => {
		expect(csvCell('Ana')).toBe('Ana');
		expect(csvCell('Smith, "Jo"')).toBe('"Smith, ""Jo"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
			expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
		}
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvCell(null)).toBe('');
		expect(csvCell(true)).toBe('yes');
	});

	it('writes a BOM, the header row and CRLF lines', () => {
		const csv = resultsCsv([]);
		expect(csv).toBe(
			'\uFEFFname,student number,score,passed,late,started at,finished at,duration seconds,attempt,counts,sent after due\r\n'
		);
	});
});

describe('the rate limiter', () => {
	it('allows the limit per window, then says how long to wait, per key', () => {
		const limiter = new RateLimiter(3, 60_000);
		expect([1, 2, 3].map(() => limiter.hit('a', MOCK_NOW))).toEqual([0, 0, 0]);
		expect(limiter.hit('a', MOCK_NOW + 10_000)).toBe(50);
		expect(limiter.hit('b', MOCK_NOW + 10_000)).toBe(0);
		expect(limiter.hit('a', MOCK_NOW + 60_000)).toBe(0);
	});

	it('never refuses a class of 300 behind one address submitting twice in a minute', () => {
		const limiter = new RateLimiter(1200);
		const refused = Array.from({ length: 600 }, (_, i) =>
			limiter.hit('school', MOCK_NOW + i * 100)
		);
		expect(refused.filter((r) => r > 0)).toEqual([]);
	});
});
