import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { POST as createRoute } from '../../routes/api/assignments/+server';
import { GET as assignmentRoute } from '../../routes/api/assignments/[code]/+server';
import * as acceptRoutes from '../../routes/api/assignments/[code]/acceptances/+server';
import { GET as resultsRoute } from '../../routes/api/assignments/[code]/results/+server';
import { GET as csvRoute } from '../../routes/api/assignments/[code]/results.csv/+server';
import { POST as submitRoute } from '../../routes/api/assignments/[code]/submissions/+server';
import type { Card } from '$lib/decks/types';
import { isQuizzable } from '$lib/quiz/select';
import { getDatabase } from './db';
import { getDecks } from './decks';
import { resetRateLimits } from './rate-limit';
import { ENGINES, serveFromTestPlace } from './testing/engines';

beforeEach(() => resetRateLimits());

const ORIGIN = 'http://meridian.test';
type Handler = (event: never) => Response | Promise<Response>;

async function call(
	handler: Handler,
	path: string,
	init: RequestInit & { params?: Record<string, string>; address?: string } = {}
): Promise<Response> {
	const request = new Request(ORIGIN + path, init);
	const event = {
		request,
		url: new URL(request.url),
		params: init.params ?? {},
		getClientAddress: () => init.address ?? '192.0.2.1'
	};
	return handler(event as never);
}

const post = (handler: Handler, path: string, body: unknown, params = {}, address?: string) =>
	call(handler, path, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body),
		params,
		address
	});

const QUIZ = {
	title: 'SCO, 5 questions',
	deckId: 'risk-benefit',
	mode: 'quiz',
	questionCount: 5,
	passMark: 0.7,
	dueAt: '2099-05-09T17:00:00Z',
	instructions: 'Read section 6 first.'
};

async function newAssignment(body: object = QUIZ) {
	const res = await post(createRoute, '/api/assignments', body);
	expect(res.status).toBe(201);
	return (await res.json()) as {
		code: string;
		instructorKey: string;
		joinUrl: string;
		dashboardUrl: string;
	};
}

const submitTo = (code: string, body: unknown, address?: string) =>
	post(submitRoute, `/api/assignments/${code}/submissions`, body, { code }, address);

const count = async (table: string) =>
	Number(
		(
			await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(
				await getDatabase()
			)
		).rows[0]!.n
	);

let seq = 0;
const validSubmission = (overrides: object = {}) => ({
	id: `sub-${String(++seq).padStart(8, '0')}`,
	studentId: 'stu-00000001',
	name: 'Ana',
	answers: [],
	startedAt: '2025-05-05T09:00:00Z',
	finishedAt: Date.UTC(2025, 4, 5, 9, 4),
	...overrides
});

// The route handlers, called with real Requests, on each engine: a SQLite file in a temp folder
// and a schema of the test PostgreSQL.
describe.each(ENGINES)('on %s', (engine) => {
	serveFromTestPlace(engine);

	describe('POST /api/assignments', () => {
		it('answers 201 with the code, key and links (the key only in the fragment)', async () => {
			const { code, instructorKey, joinUrl, dashboardUrl } = await newAssignment();
			expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{7}$/);
			expect(instructorKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(joinUrl).toBe(`${ORIGIN}/join/${code}`);
			expect(dashboardUrl).toBe(`${ORIGIN}/teach/${code}#key=${instructorKey}`);
		});

		it.each([
			['an unknown deck', { deckId: 'nope' }, 'deckId'],
			['a count over 50', { questionCount: 51 }, 'questionCount'],
			['a fractional count', { questionCount: 2.5 }, 'questionCount'],
			['a pass mark over 1', { passMark: 70 }, 'passMark'],
			['an empty title', { title: '  ' }, 'title'],
			['a long title', { title: 'x'.repeat(121) }, 'title'],
			['a bad due date', { dueAt: 'Friday' }, 'dueAt'],
			['an unknown mode', { mode: 'exam' }, 'mode'],
			['long instructions', { instructions: 'x'.repeat(2001) }, 'instructions']
		])('refuses %s with 400 and stores nothing', async (_, change, field) => {
			const before = await count('assignments');
			const res = await post(createRoute, '/api/assignments', { ...QUIZ, ...change });
			expect(res.status).toBe(400);
			expect((await res.json()).error).toContain(field);
			expect(await count('assignments')).toBe(before);
		});

		it('limits creating per address with 429 and Retry-After', async () => {
			for (let i = 0; i < 30; i++) {
				expect((await post(createRoute, '/api/assignments', {}, {}, '198.51.100.7')).status).toBe(
					400
				);
			}
			const refused = await post(createRoute, '/api/assignments', QUIZ, {}, '198.51.100.7');
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(await refused.json()).toHaveProperty('error');
			expect((await post(createRoute, '/api/assignments', QUIZ, {}, '198.51.100.8')).status).toBe(
				201
			);
		});
	});

	describe('GET /api/assignments/<code>', () => {
		it('gives what a student needs and nothing about students', async () => {
			const { code } = await newAssignment();
			const res = await call(assignmentRoute, `/api/assignments/${code}`, { params: { code } });
			expect(res.status).toBe(200);
			const body = await res.json();
			expect(Object.keys(body).sort()).toEqual(
				[
					'code',
					'counts',
					'createdAt',
					'deckId',
					'deckTitle',
					'dueAt',
					'instructions',
					'maxAttempts',
					'mode',
					'passMark',
					'questionIds',
					'title'
				].sort()
			);
			expect(body).toMatchObject({
				code,
				mode: 'quiz',
				passMark: 0.7,
				dueAt: '2099-05-09T17:00:00.000Z'
			});
			expect(body.questionIds).toHaveLength(5);
		});

		it('answers 404 with an error for an unknown code', async () => {
			for (const code of ['ZZZZZZZ', 'nope', '<script>']) {
				const res = await call(assignmentRoute, `/api/assignments/x`, { params: { code } });
				expect(res.status).toBe(404);
				expect(await res.json()).toHaveProperty('error');
			}
		});
	});

	describe('POST /api/assignments/<code>/submissions', () => {
		it('answers 201, then 200 with the same result for a retry, storing one row', async () => {
			const { code } = await newAssignment();
			const body = validSubmission({ score: 100, passed: true });
			const first = await submitTo(code, body);
			expect(first.status).toBe(201);
			const result = await first.json();
			expect(result).toEqual({
				id: body.id,
				score: 0,
				passed: false,
				late: false,
				sentAfterDue: false,
				correct: 0,
				total: 5
			});
			const before = await count('submissions');
			const again = await submitTo(code, { ...body, name: 'Someone else' });
			expect(again.status).toBe(200);
			expect(await again.json()).toEqual(result);
			expect(await count('submissions')).toBe(before);
		});

		it('stores a name with markup verbatim and returns it as a plain JSON string', async () => {
			const { code, instructorKey } = await newAssignment();
			const name = '<script>alert("x")</script> & <b>Bo</b>';
			expect((await submitTo(code, validSubmission({ name }))).status).toBe(201);
			const res = await call(resultsRoute, `/api/assignments/${code}/results`, {
				params: { code },
				headers: { authorization: `Bearer ${instructorKey}` }
			});
			expect(res.headers.get('content-type')).toContain('application/json');
			expect((await res.json()).submissions[0].name).toBe(name);
		});

		const big = 'x'.repeat(300 * 1024);
		it.each([
			['malformed JSON', () => '{"id": ', 400],
			['a JSON array', () => [], 400],
			['an oversized body', () => validSubmission({ name: 'Ana', padding: big }), 413],
			['a number for the name', () => validSubmission({ name: 42 }), 400],
			['an empty name', () => validSubmission({ name: '   ' }), 400],
			['a huge name', () => validSubmission({ name: 'N'.repeat(5000) }), 400],
			['a short id', () => validSubmission({ id: 'abc' }), 400],
			['an id with odd characters', () => validSubmission({ id: '../../etc/passwd' }), 400],
			['a missing studentId', () => validSubmission({ studentId: undefined }), 400],
			['a long student number', () => validSubmission({ studentNumber: '9'.repeat(41) }), 400],
			['answers that are not a list', () => validSubmission({ answers: 'all right' }), 400],
			['a bad date', () => validSubmission({ startedAt: 'yesterday' }), 400],
			[
				'finishing before starting',
				() => validSubmission({ finishedAt: Date.UTC(2025, 0, 1) }),
				400
			],
			[
				'an unknown response kind',
				(ids: string[]) =>
					validSubmission({ answers: [{ cardId: ids[0], response: { kind: 'magic' } }] }),
				400
			],
			[
				'an unknown card id',
				() =>
					validSubmission({ answers: [{ cardId: 'nope', response: { kind: 'text', text: 'x' } }] }),
				400
			],
			[
				'a duplicate card id',
				(ids: string[]) =>
					validSubmission({
						answers: [ids[0], ids[0]].map((cardId) => ({
							cardId,
							response: { kind: 'text', text: 'x' }
						}))
					}),
				400
			],
			[
				'too many answers',
				(ids: string[]) =>
					validSubmission({
						answers: [...ids, 'extra'].map((cardId) => ({
							cardId,
							response: { kind: 'text', text: 'x' }
						}))
					}),
				400
			]
		])('refuses %s (%#) and stores nothing', async (_, make, status) => {
			const { code } = await newAssignment();
			const get = await call(assignmentRoute, `/api/assignments/${code}`, { params: { code } });
			const { questionIds } = await get.json();
			const before = await count('submissions');
			const res = await submitTo(code, make(questionIds));
			expect(res.status).toBe(status);
			expect(typeof (await res.json()).error).toBe('string');
			expect(await count('submissions')).toBe(before);
		});

		it('refuses a response of the wrong kind for the card', async () => {
			const { code } = await newAssignment({ ...QUIZ, questionCount: 50 });
			const { questionIds } = await (await call(assignmentRoute, '/', { params: { code } })).json();
			const types = new Map(getDecks().decks.flatMap((d) => d.cards.map((c) => [c.id, c.type])));
			const cardId = (questionIds as string[]).find((id) => types.get(id) !== 'truefalse');
			const before = await count('submissions');
			const res = await submitTo(
				code,
				validSubmission({ answers: [{ cardId, response: { kind: 'truefalse', value: true } }] })
			);
			expect(res.status).toBe(400);
			expect((await res.json()).error).toMatch(/^answers\.0\.response: Card .* takes a/);
			expect(await count('submissions')).toBe(before);
		});

		it('answers 404 for an unknown code and stores nothing', async () => {
			const before = await count('submissions');
			const res = await submitTo('ZZZZZZZ', validSubmission());
			expect(res.status).toBe(404);
			expect(await count('submissions')).toBe(before);
		});

		it('never refuses 300 students behind one address submitting with retries', async () => {
			const { code } = await newAssignment();
			const statuses: number[] = [];
			for (let i = 0; i < 300; i++) {
				const body = validSubmission({ studentId: `stu-${String(i).padStart(8, '0')}` });
				statuses.push((await submitTo(code, body, '203.0.113.9')).status);
				if (i % 3 === 0) statuses.push((await submitTo(code, body, '203.0.113.9')).status);
			}
			expect(statuses.filter((s) => s !== 200 && s !== 201)).toEqual([]);
		}, 120_000);

		it('answers 429 with Retry-After past the submit limit', async () => {
			process.env.RATE_LIMIT_SUBMIT_PER_MIN = '3';
			resetRateLimits();
			const { code } = await newAssignment();
			const statuses = [];
			for (let i = 0; i < 4; i++)
				statuses.push(await submitTo(code, validSubmission(), '203.0.113.10'));
			delete process.env.RATE_LIMIT_SUBMIT_PER_MIN;
			expect(statuses.map((r) => r.status)).toEqual([201, 201, 201, 429]);
			expect(Number(statuses[3]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		});
	});

	describe('results', () => {
		async function withSubmissions() {
			const created = await newAssignment();
			await submitTo(
				created.code,
				validSubmission({ name: '=HYPERLINK("http://evil")', studentNumber: '+44 7' })
			);
			await submitTo(created.code, validSubmission({ name: 'Zoë "Z" Smith, Jr.' }));
			return created;
		}
		const get = (handler: Handler, code: string, authorization?: string) =>
			call(handler, `/api/assignments/${code}/x`, {
				params: { code },
				headers: authorization ? { authorization } : {}
			});

		it('gives the instructor submissions and per-question statistics', async () => {
			const { code, instructorKey } = await withSubmissions();
			const res = await get(resultsRoute, code, `Bearer ${instructorKey}`);
			expect(res.status).toBe(200);
			const body = await res.json();
			expect(body.assignment.code).toBe(code);
			expect(body.submissions).toHaveLength(2);
			expect(body.submissions[1]).toMatchObject({
				attempt: 2,
				score: 0,
				passed: false,
				late: false,
				durationMs: 240_000
			});
			expect(body.questions).toHaveLength(5);
			expect(body.questions[0]).toMatchObject({
				answered: 0,
				correctShare: 0,
				mostCommonWrong: null
			});
			expect(body.questions[0].quote).toBeTypeOf('string');
		});

		it.each([
			['no header', undefined],
			['a wrong key', 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
			['another scheme', 'Basic abc']
		])('answers 401 with no data for %s', async (_, authorization) => {
			const { code } = await withSubmissions();
			for (const handler of [resultsRoute, csvRoute]) {
				const res = await get(handler, code, authorization);
				expect(res.status).toBe(401);
				expect(Object.keys(await res.json())).toEqual(['error']);
			}
		});

		it('downloads CSV with a BOM, RFC 4180 quoting and formulas neutralised', async () => {
			const { code, instructorKey } = await withSubmissions();
			const res = await get(csvRoute, code, `Bearer ${instructorKey}`);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
			expect(res.headers.get('content-disposition')).toBe(
				`attachment; filename="meridian-${code}-results.csv"`
			);
			const bytes = new Uint8Array(await res.arrayBuffer());
			expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const lines = new TextDecoder('utf-8', { ignoreBOM: true })
				.decode(bytes)
				.slice(1)
				.split('\r\n');
			expect(lines[0]).toBe(
				'name,student number,score,passed,late,started at,finished at,duration seconds,attempt,counts,sent after due,finished (UTC),question 1,question 2,question 3,question 4,question 5'
			);
			expect(lines[1]).toBe(
				`"'=HYPERLINK(""http://evil"")",'+44 7,0,no,no,2025-05-05T09:00:00.000Z,2025-05-05T09:04:00.000Z,240,1,yes,no,2025-05-05 09:04:00,blank,blank,blank,blank,blank`
			);
			expect(lines[2]).toMatch(/^"Zoë ""Z"" Smith, Jr.",,0,no,no,.*,240,2,no,no,[^,]+(,blank){5}$/);
			expect(lines).toHaveLength(4);
		});
	});

	describe('bad answers get a verdict or a 4xx naming the field, never a partial attempt', () => {
		/**
		 * A quiz drawn from a deck with a question of one of `types`, and that question: the draw leaves
		 * out cards that give each other away, so try the decks until one draw holds such a question.
		 */
		async function quizWithTypes(...types: string[]) {
			const has = (c: Card) => isQuizzable(c) && types.includes(c.type);
			const candidates = getDecks().decks.filter(
				(d) => d.cards.some(has) && d.cards.filter(isQuizzable).length <= 50
			);
			for (const deck of candidates) {
				const created = await newAssignment({ ...QUIZ, deckId: deck.id, questionCount: 50 });
				const { questionIds } = await (
					await call(assignmentRoute, '/', { params: { code: created.code } })
				).json();
				const cards = new Map(deck.cards.map((c) => [c.id, c]));
				const cardId = (questionIds as string[]).find((id) => has(cards.get(id)!));
				if (cardId) return { ...created, cardId };
			}
			return { code: '', cardId: undefined };
		}

		it.each([
			['an empty text', ['basic', 'typed'], { kind: 'text', text: '' }],
			['a whitespace-only text', ['basic', 'typed'], { kind: 'text', text: ' \t\n ' }],
			['a number with junk', ['numeric'], { kind: 'number', text: '12abc!!' }],
			['an unknown option', ['mcq'], { kind: 'choice', option: 'None of these' }],
			['unknown events', ['ordering'], { kind: 'order', events: ['x', 'y'] }],
			['empty blanks', ['cloze'], { kind: 'blanks', texts: ['', ' '] }]
		])('grades %s as wrong and stores the attempt', async (_, types, response) => {
			const { code, cardId } = await quizWithTypes(...types);
			expect(cardId).toBeDefined();
			const res = await submitTo(code, validSubmission({ answers: [{ cardId, response }] }));
			expect(res.status).toBe(201);
			expect(await res.json()).toMatchObject({ correct: 0, score: 0 });
		});

		it.each([
			[
				'10,000 characters of text',
				{ kind: 'text', text: 'x'.repeat(10_000) },
				'answers.0.response.text'
			],
			['a number for the text', { kind: 'text', text: 42 }, 'answers.0.response.text'],
			['a string for true/false', { kind: 'truefalse', value: 'true' }, 'answers.0.response.value'],
			['blanks that are not a list', { kind: 'blanks', texts: 'a' }, 'answers.0.response.texts'],
			['a missing response', undefined, 'answers.0.response']
		])('refuses %s with 400 naming %s', async (_, response, field) => {
			const { code, cardId } = await quizWithTypes('basic', 'typed');
			const before = await count('submissions');
			const res = await submitTo(code, validSubmission({ answers: [{ cardId, response }] }));
			expect(res.status).toBe(400);
			expect((await res.json()).error).toMatch(new RegExp(`^${field.replaceAll('.', '\\.')}: `));
			expect(await count('submissions')).toBe(before);
		});

		it('refuses a finish time in the future with 400 naming finishedAt', async () => {
			const { code } = await newAssignment();
			const before = await count('submissions');
			const res = await submitTo(code, validSubmission({ finishedAt: Date.now() + 10 * 60_000 }));
			expect(res.status).toBe(400);
			expect((await res.json()).error).toMatch(/^finishedAt: .* is in the future/);
			expect(await count('submissions')).toBe(before);
		});

		it('answers a second attempt with 409 when one is allowed; a retry still gets 200', async () => {
			const { code } = await newAssignment({ ...QUIZ, maxAttempts: 1 });
			const first = validSubmission({ studentId: 'stu-one-attempt' });
			expect((await submitTo(code, first)).status).toBe(201);
			const before = await count('submissions');
			const second = await submitTo(code, validSubmission({ studentId: 'stu-one-attempt' }));
			expect(second.status).toBe(409);
			expect((await second.json()).error).toMatch(/^studentId: .*one attempt/);
			expect((await submitTo(code, first)).status).toBe(200);
			expect(await count('submissions')).toBe(before);
		});
	});

	describe('/api/assignments/<code>/acceptances', () => {
		const send = (method: 'POST' | 'DELETE', code: string, body: unknown, key?: string) =>
			call(acceptRoutes[method] as Handler, `/api/assignments/${code}/acceptances`, {
				method,
				headers: {
					'content-type': 'application/json',
					...(key ? { authorization: `Bearer ${key}` } : {})
				},
				body: typeof body === 'string' ? body : JSON.stringify(body),
				params: { code }
			});

		async function answered() {
			const created = await newAssignment({ ...QUIZ, questionCount: 1, passMark: 1 });
			const { questionIds } = await (
				await call(assignmentRoute, '/', { params: { code: created.code } })
			).json();
			const card = getDecks()
				.decks.flatMap((d) => d.cards)
				.find((c) => c.id === questionIds[0])!;
			const wrong =
				card.type === 'mcq'
					? { kind: 'choice', option: card.options[1] }
					: card.type === 'truefalse'
						? { kind: 'truefalse', value: !card.statementIsTrue }
						: card.type === 'numeric'
							? { kind: 'number', text: '-1' }
							: card.type === 'ordering'
								? { kind: 'order', events: [...card.events].reverse() }
								: card.type === 'cloze'
									? { kind: 'blanks', texts: card.blanks.map(() => 'qqq') }
									: { kind: 'text', text: 'qqq' };
			await submitTo(
				created.code,
				validSubmission({ answers: [{ cardId: card.id, response: wrong }] })
			);
			return { ...created, cardId: card.id, wrong };
		}
		const results = async (code: string, key: string) =>
			(
				await call(resultsRoute, '/', {
					params: { code },
					headers: { authorization: `Bearer ${key}` }
				})
			).json();

		it('accepts a wrong response for everyone (201), regrades, and undoes it (200)', async () => {
			const { code, instructorKey, cardId, wrong } = await answered();
			const res = await send('POST', code, { cardId, response: wrong }, instructorKey);
			expect(res.status).toBe(201);
			expect(res.headers.get('cache-control')).toBe('no-store');
			expect(await res.json()).toMatchObject({ action: 'accept', cardId, changed: 1 });
			let body = await results(code, instructorKey);
			expect(body.submissions[0]).toMatchObject({ score: 100, passed: true, correct: 1 });
			expect(body.changes).toHaveLength(1);
			const undo = await send('DELETE', code, { cardId, response: wrong }, instructorKey);
			expect(undo.status).toBe(200);
			body = await results(code, instructorKey);
			expect(body.submissions[0]).toMatchObject({ score: 0, passed: false, correct: 0 });
			expect(body.changes.map((c: { action: string }) => c.action)).toEqual(['accept', 'undo']);
		});

		it.each([
			['no key', () => ({}), undefined, 401],
			['malformed JSON', () => '{"cardId": ', 'key', 400],
			[
				'an unknown question',
				() => ({ cardId: 'nope', response: { kind: 'text', text: 'x' } }),
				'key',
				400
			],
			[
				'a response nobody gave',
				(id: string) => ({ cardId: id, response: { kind: 'text', text: 'zzz nobody' } }),
				'key',
				400
			],
			[
				'an unknown response kind',
				(id: string) => ({ cardId: id, response: { kind: 'vibes' } }),
				'key',
				400
			]
		])('refuses %s and changes nothing', async (_, make, key, status) => {
			const { code, instructorKey, cardId } = await answered();
			const before = JSON.stringify(await results(code, instructorKey));
			const res = await send('POST', code, make(cardId), key && instructorKey);
			expect(res.status).toBe(status);
			expect(Object.keys(await res.json())).toEqual(['error']);
			expect(JSON.stringify(await results(code, instructorKey))).toBe(before);
		});
	});
});
