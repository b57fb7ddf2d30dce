import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '$lib/decks/types';
import type { QuizResponse } from '$lib/quiz';
import {
	CODE_PATTERN,
	createAssignment,
	csvCell,
	getAssignment,
	getResults,
	resultsCsv,
	submitAssignment
} from './assignments';
import { openDatabase, SCHEMA_VERSION, type DB } from './db';
import { getDecks } from './decks';
import { RateLimiter } from './rate-limit';

const MOCK_NOW = Date.UTC(2025, 4, 5, 9, 0);
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
			deckId: 'sco',
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
		expect(code).toMatch(CODE_PATTERN);
		expect(Buffer.from(instructorKey, 'base64url')).toHaveLength(32);
		const assignment = getAssignment(db, decks, code);
		const sco = decks.find((d) => d.id === 'sco')!;
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
		const sco = decks.find((d) => d.id === 'sco')!;
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
		const { created, result } = submitAssignment(db, decks, code, body, MOCK_NOW);
		expect(created).toBe(true);
		expect(result).toEqual({
			id: 'sub-00000001',
			score: 50,
			passed: true,
			late: false,
			correct: 3,
			total: 6
		});
	});

	it('stores a resent id once and answers with the stored result, even if the body differs', () => {
		const { code } = newQuiz();
		const first = submitAssignment(db, decks, code, submission('sub-00000002', []), MOCK_NOW);
		const again = submitAssignment(
			db,
			decks,
			code,
			{ id: 'sub-00000002', name: 'Changed', answers: 'nonsense' },
			MOCK_NOW + 1000
		);
		expect(again).toEqual({ created: false, result: first.result });
		expect(db.prepare('SELECT COUNT(*) AS n FROM submissions').get()).toEqual({ n: 1 });
	});

	it('marks a submission received after the due date late but keeps it', () => {
		const { code } = newQuiz();
		const late = Date.parse(DUE) + 1;
		const { result } = submitAssignment(db, decks, code, submission('sub-00000003', []), late);
		expect(result).toMatchObject({ late: true, score: 0, passed: false });
	});

	it('records what was studied in review mode, with no score', () => {
		const { code } = newQuiz({ mode: 'review' });
		const ids = getAssignment(db, decks, code).questionIds;
		const body = { ...submission('sub-00000004', []), reviewed: ids.slice(0, 2) };
		const { result } = submitAssignment(db, decks, code, body, MOCK_NOW);
		expect(result).toEqual({
			id: 'sub-00000004',
			score: null,
			passed: null,
			late: false,
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
		submitAssignment(
			db,
			decks,
			code,
			submission('sub-0000000a', answer(rightAnswer(card))),
			MOCK_NOW
		);
		submitAssignment(
			db,
			decks,
			code,
			submission('sub-0000000b', answer(wrongAnswer(card))),
			MOCK_NOW + 1
		);
		const other = {
			...submission('sub-0000000c', answer(wrongAnswer(card))),
			studentId: 'student-0002'
		};
		submitAssignment(db, decks, code, other, MOCK_NOW + 2);
		const results = getResults(db, decks, code, instructorKey);
		expect(results.submissions.map((s) => [s.studentId, s.attempt])).toEqual([
			['student-0001', 1],
			['student-0001', 2],
			['student-0002', 1]
		]);
		expect(results.submissions[0]).toMatchObject({
			durationMs: 300_000,
			startedAt: new Date(MOCK_NOW).toISOString(),
			receivedAt: new Date(MOCK_NOW).toISOString(),
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
			'\uFEFFname,student number,score,passed,late,started at,finished at,duration seconds,attempt\r\n'
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
