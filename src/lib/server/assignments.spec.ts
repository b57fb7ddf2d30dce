import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOIN_CODE_PATTERN } from '$lib/api';
import type { Card } from '$lib/decks/types';
import type { QuizResponse } from '$lib/quiz';
import { isQuizzable, selectQuestions } from '$lib/quiz/select';
import {
	createAssignment,
	csvCell,
	getAssignment,
	getResults,
	csvRow,
	resultsCsvStream,
	submitAssignment,
	CLOCK_SKEW_MS,
	acceptResponse,
	undoAcceptance
} from './assignments';
import { migrate, SCHEMA_VERSION, type DB } from './db';
import { getDecks } from './decks';
import { RateLimiter } from './rate-limit';
import { dropDatabase, ENGINES, freshDatabase, type TestPlace } from './testing/engines';

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

let place: TestPlace;
let db: DB;
const all = async (text: string) => (await sql.raw<Record<string, unknown>>(text).execute(db)).rows;
const one = async (text: string) => (await all(text))[0];

const newQuiz = async (overrides: object = {}, seed?: number) =>
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
		MOCK_NOW,
		{ seed }
	);

const submission = (id: string, answers: { cardId: string; response: QuizResponse }[]) => ({
	id,
	studentId: 'student-0001',
	name: 'Ana',
	answers,
	startedAt: MOCK_NOW,
	finishedAt: '2025-05-05T09:05:00Z'
});

describe.each(ENGINES)('on %s', (engine) => {
	beforeEach(async () => ({ place, db } = await freshDatabase(engine)));
	afterEach(() => dropDatabase(db, place));

	describe('the database', () => {
		it('has the schema at the latest version, each migration recorded once', async () => {
			expect(await all('SELECT version FROM migrations ORDER BY version')).toEqual(
				Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1 }))
			);
		});

		it('migrates an up-to-date database to nothing', async () => {
			expect(await migrate(db)).toEqual([]);
			expect(await one('SELECT COUNT(*) AS n FROM migrations')).toEqual({ n: SCHEMA_VERSION });
		});
	});

	describe('assignments', () => {
		it('draws a quiz once, from quizzable cards, capped at what the deck has', async () => {
			const { code, instructorKey } = await newQuiz({ questionCount: 50 });
			expect(code).toMatch(JOIN_CODE_PATTERN);
			expect(Buffer.from(instructorKey, 'base64url')).toHaveLength(32);
			const assignment = await getAssignment(db, decks, code);
			const sco = decks.find((d) => d.id === 'risk-benefit')!;
			expect(assignment.questionIds.length).toBeLessThanOrEqual(50);
			expect(assignment.questionIds.length).toBeLessThanOrEqual(sco.cards.length);
			expect(new Set(assignment.questionIds).size).toBe(assignment.questionIds.length);
			expect(assignment).toMatchObject({ deckTitle: sco.title, dueAt: DUE, instructions: '' });
			// Only the key's hash is stored.
			const row = (await one('SELECT * FROM assignments')) as Record<string, unknown>;
			expect(JSON.stringify(row)).not.toContain(instructorKey);
		});

		it('asks every card of the deck in review mode', async () => {
			const { code } = await newQuiz({ mode: 'review', questionCount: undefined });
			const sco = decks.find((d) => d.id === 'risk-benefit')!;
			expect((await getAssignment(db, decks, code)).questionIds).toEqual(
				sco.cards.map((c) => c.id)
			);
		});
	});

	describe('submissions', () => {
		it('grades on the server, ignoring a forged score, and counts skipped questions as wrong', async () => {
			const { code } = await newQuiz();
			const ids = (await getAssignment(db, decks, code)).questionIds;
			const answers = ids.slice(0, 3).map((cardId) => ({
				cardId,
				response: rightAnswer(cardById.get(cardId)!)
			}));
			answers.push({ cardId: ids[3]!, response: wrongAnswer(cardById.get(ids[3]!)!) });
			const body = { ...submission('sub-00000001', answers), score: 100, passed: true, correct: 6 };
			const { created, result } = await submitAssignment(db, decks, code, body, SENT);
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

		it('stores a resent id once and answers with the stored result, even if the body differs', async () => {
			const { code } = await newQuiz();
			const first = await submitAssignment(db, decks, code, submission('sub-00000002', []), SENT);
			const again = await submitAssignment(
				db,
				decks,
				code,
				{ id: 'sub-00000002', name: 'Changed', answers: 'nonsense' },
				SENT + 1000
			);
			expect(again).toEqual({ created: false, result: first.result });
			expect(await one('SELECT COUNT(*) AS n FROM submissions')).toEqual({ n: 1 });
		});

		it('judges lateness by the finish time, bounded by when the server received it', async () => {
			const { code } = await newQuiz();
			const due = Date.parse(DUE);
			const send = async (id: string, finishedAt: number, now: number) =>
				(
					await submitAssignment(
						db,
						decks,
						code,
						{ ...submission(id, []), startedAt: finishedAt - 60_000, finishedAt },
						now
					)
				).result;
			// Finished offline before the due time, sent two days later: on time, sent later.
			expect(await send('sub-00000030', due - 60_000, due + 2 * 86_400_000)).toMatchObject({
				late: false,
				sentAfterDue: true,
				score: 0
			});
			// Finished after the due time: late, and kept.
			expect(await send('sub-00000031', due + 1, due + 5_000)).toMatchObject({
				late: true,
				sentAfterDue: true
			});
			// A fast clock within the allowance: read as the time of receipt, so late after the due time.
			expect(await send('sub-00000032', due + 60_000, due + 1)).toMatchObject({ late: true });
			expect(await send('sub-00000033', due - 1, due - 1)).toMatchObject({
				late: false,
				sentAfterDue: false
			});
			const stored = await one(
				"SELECT finished_at, received_at FROM submissions WHERE id = 'sub-00000032'"
			);
			expect(stored).toEqual({ finished_at: due + 1, received_at: due + 1 });
		});

		it.each([
			['more than 2 minutes in the future', SENT + CLOCK_SKEW_MS + 1, SENT - 60_000, 'finishedAt'],
			['before the start', SENT - 60_000, SENT - 30_000, 'finishedAt']
		])(
			'refuses a finish time %s with 400 and stores nothing',
			async (_, finishedAt, startedAt, field) => {
				const { code } = await newQuiz();
				const body = { ...submission('sub-00000040', []), startedAt, finishedAt };
				await expect(submitAssignment(db, decks, code, body, SENT)).rejects.toThrow(
					expect.objectContaining({ status: 400, message: expect.stringMatching(`^${field}: `) })
				);
				expect(await one('SELECT COUNT(*) AS n FROM submissions')).toEqual({ n: 0 });
			}
		);

		it('records what was studied in review mode, with no score', async () => {
			const { code } = await newQuiz({ mode: 'review' });
			const ids = (await getAssignment(db, decks, code)).questionIds;
			const body = { ...submission('sub-00000004', []), reviewed: ids.slice(0, 2) };
			const { result } = await submitAssignment(db, decks, code, body, SENT);
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
		it('lists attempts per student and per-question shares and the most common wrong answer', async () => {
			const { code, instructorKey } = await newQuiz();
			const [first, second] = (await getAssignment(db, decks, code)).questionIds as [
				string,
				string
			];
			const card = cardById.get(first)!;
			const answer = (response: QuizResponse) => [{ cardId: first, response }];
			await submitAssignment(
				db,
				decks,
				code,
				submission('sub-0000000a', answer(rightAnswer(card))),
				SENT
			);
			await submitAssignment(
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
			await submitAssignment(db, decks, code, other, SENT + 2);
			const results = await getResults(db, decks, code, instructorKey);
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

		it('refuses a missing or wrong key with 401', async () => {
			const { code, instructorKey } = await newQuiz();
			const other = (await newQuiz()).instructorKey;
			for (const key of [null, '', other, instructorKey.slice(1), 'x'.repeat(10_000)]) {
				await expect(getResults(db, decks, code, key)).rejects.toThrow(
					expect.objectContaining({ status: 401 })
				);
			}
		});
	});

	describe('the attempts policy', () => {
		const sendAs = async (code: string, id: string, studentId = 'student-0001', now = SENT) =>
			await submitAssignment(db, decks, code, { ...submission(id, []), studentId }, now);

		it('refuses a second attempt with 409 when one is allowed; a retry stays idempotent', async () => {
			const { code } = await newQuiz({ maxAttempts: 1, counts: 'best' });
			expect(await getAssignment(db, decks, code)).toMatchObject({
				maxAttempts: 1,
				counts: 'first'
			});
			const first = await sendAs(code, 'sub-00000050');
			expect(await sendAs(code, 'sub-00000050', 'student-0001', SENT + 5)).toEqual({
				created: false,
				result: first.result
			});
			await expect(sendAs(code, 'sub-00000051')).rejects.toThrow(
				expect.objectContaining({ status: 409, message: expect.stringMatching(/^studentId: /) })
			);
			expect((await sendAs(code, 'sub-00000052', 'student-0002')).created).toBe(true);
			expect(await one('SELECT COUNT(*) AS n FROM submissions')).toEqual({ n: 2 });
		});

		it.each([
			['first', 'sub-00000060'],
			['best', 'sub-00000061'],
			['latest', 'sub-00000062']
		] as const)('with unlimited attempts, "%s" counts', async (counts, expected) => {
			const { code, instructorKey } = await newQuiz({ counts });
			const [q] = (await getAssignment(db, decks, code)).questionIds as [string];
			const card = cardById.get(q)!;
			const send = async (id: string, right: boolean, finishedAt: number) =>
				await submitAssignment(
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
			await send('sub-00000062', false, SENT - 60_000);
			await send('sub-00000060', false, SENT - 180_000);
			await send('sub-00000061', true, SENT - 120_000);
			const { submissions } = await getResults(db, decks, code, instructorKey);
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
		])('refuses %s with 400 naming the field', async (_, change, field) => {
			await expect(newQuiz(change)).rejects.toThrow(
				expect.objectContaining({ status: 400, message: expect.stringMatching(`^${field}: `) })
			);
			expect(await one('SELECT COUNT(*) AS n FROM assignments')).toEqual({ n: 0 });
		});
	});

	describe('accepting a response for everyone', () => {
		/**
		 * A draw of 50 from the deck with a typed question in it: a random draw sometimes had none
		 * (the giveaway rules leave some out), and the test then had no question to accept for.
		 */
		function seedWithTypedQuestion(): number {
			const deck = decks.find((d) => d.id === 'risk-benefit')!;
			const quizzable = deck.cards.filter(isQuizzable);
			for (let seed = 1; seed <= 100; seed++) {
				const drawn = selectQuestions(quizzable, 50, seed, { entities: deck.entities });
				if (drawn.some((card) => ['basic', 'typed'].includes(card.type))) return seed;
			}
			throw new Error('no draw of 50 from risk-benefit holds a typed question');
		}

		/** A quiz with a typed question, two students who answered it wrongly the same way (give or take case). */
		async function setUp() {
			const { code, instructorKey } = await newQuiz(
				{ questionCount: 50, passMark: 0.05 },
				seedWithTypedQuestion()
			);
			const ids = (await getAssignment(db, decks, code)).questionIds;
			const typedId = ids.find((id) => ['basic', 'typed'].includes(cardById.get(id)!.type))!;
			const otherId = ids.find((id) => id !== typedId)!;
			const send = async (id: string, studentId: string, text: string) =>
				(
					await submitAssignment(
						db,
						decks,
						code,
						{
							...submission(id, [{ cardId: typedId, response: { kind: 'text', text } }]),
							studentId
						},
						SENT
					)
				).result;
			await send('sub-00000070', 'student-0001', 'Rosneft and Gazprom plc');
			await send('sub-00000071', 'student-0002', 'rosneft & GAZPROM plc!');
			await send('sub-00000072', 'student-0003', 'no idea');
			return { code, instructorKey, typedId, otherId, total: ids.length, send };
		}
		const scores = async () =>
			await all('SELECT id, score, passed, correct FROM submissions ORDER BY id');
		const snapshot = async () =>
			JSON.stringify([
				await all('SELECT * FROM submissions ORDER BY id'),
				await all('SELECT * FROM acceptances'),
				await all('SELECT * FROM grading_changes')
			]);

		it('regrades every submission that gave it, records the change, and can be undone', async () => {
			const { code, instructorKey, typedId, total, send } = await setUp();
			const before = await scores();
			const response = { kind: 'text', text: 'Rosneft and Gazprom plc' };
			const change = await acceptResponse(
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
			expect(await scores()).toEqual([
				{ id: 'sub-00000070', score: one, passed: 1, correct: 1 },
				{ id: 'sub-00000071', score: one, passed: 1, correct: 1 },
				{ id: 'sub-00000072', score: 0, passed: 0, correct: 0 }
			]);
			// A submission arriving later with that response is graded with the acceptance too.
			expect(await send('sub-00000073', 'student-0004', 'ROSNEFT AND GAZPROM PLC')).toMatchObject({
				score: one,
				correct: 1
			});
			const results = await getResults(db, decks, code, instructorKey);
			const q = results.questions.find((x) => x.cardId === typedId)!;
			expect(q.accepted).toEqual([
				{ response, given: 'Rosneft and Gazprom plc', acceptedAt: change.at }
			]);
			expect(q.wrongResponses).toEqual([
				{ response: { kind: 'text', text: 'no idea' }, given: 'no idea', count: 1 }
			]);
			expect(csvRow(results.submissions[0]!, String).map(csvCell).join(',')).toContain(
				`,${one},yes,`
			);

			const undo = await undoAcceptance(
				db,
				decks,
				code,
				instructorKey,
				{ cardId: typedId, response: { kind: 'text', text: 'rosneft and gazprom PLC' } },
				SENT + 120_000
			);
			expect(undo).toMatchObject({ action: 'undo', changed: 3 });
			expect((await scores()).slice(0, 3)).toEqual(before);
			const after = await getResults(db, decks, code, instructorKey);
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
			async (_, make, status, field) => {
				const t = await setUp();
				// A card of another section: never a question of this risk-benefit quiz.
				const outside = decks.find((d) => d.id === 'history')!.cards[0]!.id;
				const before = await snapshot();
				await expect(
					acceptResponse(db, decks, t.code, t.instructorKey, make({ ...t, outside }), SENT)
				).rejects.toThrow(
					expect.objectContaining({
						status,
						message: expect.stringMatching(`^${field.replace('.', '\\.')}: `)
					})
				);
				expect(await snapshot()).toBe(before);
			}
		);

		it('refuses a second acceptance (409), an undo of nothing (400) and a wrong key (401)', async () => {
			const { code, instructorKey, typedId } = await setUp();
			const body = { cardId: typedId, response: text('no idea') };
			await acceptResponse(db, decks, code, instructorKey, body, SENT);
			const before = await snapshot();
			await expect(acceptResponse(db, decks, code, instructorKey, body, SENT)).rejects.toThrow(
				expect.objectContaining({ status: 409 })
			);
			const other = { cardId: typedId, response: text('Rosneft and Gazprom plc') };
			await expect(undoAcceptance(db, decks, code, instructorKey, other, SENT)).rejects.toThrow(
				expect.objectContaining({ status: 400, message: expect.stringMatching(/^response: /) })
			);
			await expect(acceptResponse(db, decks, code, 'wrong', other, SENT)).rejects.toThrow(
				expect.objectContaining({ status: 401 })
			);
			expect(await snapshot()).toBe(before);
		});
	});
});

interface Ids {
	typedId: string;
	otherId: string;
	outside: string;
}
const text = (t: string): QuizResponse => ({ kind: 'text', text: t });

describe('CSV', () => {
	it('quotes per RFC 4180 and neutralises formulas', async () => {
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

	it('writes a BOM, the header row and CRLF lines', async () => {
		async function* none() {}
		const bytes = await new Response(resultsCsvStream(none(), 2, 'UTC')).arrayBuffer();
		const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
		expect(csv).toBe(
			'\uFEFFname,student number,score,passed,late,started at,finished at,duration seconds,attempt,counts,sent after due,finished (UTC),question 1,question 2\r\n'
		);
	});
});

describe('the rate limiter', () => {
	it('allows the limit per window, then says how long to wait, per key', async () => {
		const limiter = new RateLimiter(3, 60_000);
		expect([1, 2, 3].map(() => limiter.hit('a', MOCK_NOW))).toEqual([0, 0, 0]);
		expect(limiter.hit('a', MOCK_NOW + 10_000)).toBe(50);
		expect(limiter.hit('b', MOCK_NOW + 10_000)).toBe(0);
		expect(limiter.hit('a', MOCK_NOW + 60_000)).toBe(0);
	});

	it('never refuses a class of 300 behind one address submitting twice in a minute', async () => {
		const limiter = new RateLimiter(1200);
		const refused = Array.from({ length: 600 }, (_, i) =>
			limiter.hit('school', MOCK_NOW + i * 100)
		);
		expect(refused.filter((r) => r > 0)).toEqual([]);
	});
});
