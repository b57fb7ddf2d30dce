import { sql } from 'kysely';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as createAssignmentRoute } from '../../routes/api/assignments/+server';
import * as assignmentRoute from '../../routes/api/assignments/[code]/+server';
import { POST as extensionsRoute } from '../../routes/api/assignments/[code]/extensions/+server';
import { POST as progressRoute } from '../../routes/api/assignments/[code]/progress/+server';
import * as acceptancesRoute from '../../routes/api/assignments/[code]/acceptances/+server';
import { GET as resultsRoute } from '../../routes/api/assignments/[code]/results/+server';
import { GET as resultsCsvRoute } from '../../routes/api/assignments/[code]/results.csv/+server';
import { POST as submitRoute } from '../../routes/api/assignments/[code]/submissions/+server';
import { POST as createClassRoute } from '../../routes/api/classes/+server';
import * as classRoute from '../../routes/api/classes/[code]/+server';
import { GET as gridRoute } from '../../routes/api/classes/[code]/assignments/[assignment]/grid/+server';
import { GET as dashboardRoute } from '../../routes/api/classes/[code]/dashboard/+server';
import { GET as gradebookRoute } from '../../routes/api/classes/[code]/gradebook.csv/+server';
import { POST as keyRoute } from '../../routes/api/classes/[code]/key/+server';
import { GET as knowledgeRoute } from '../../routes/api/classes/[code]/knowledge/+server';
import { GET as meRoute } from '../../routes/api/classes/[code]/me/+server';
import { POST as joinRoute } from '../../routes/api/classes/[code]/members/+server';
import { POST as decideRoute } from '../../routes/api/classes/[code]/members/[studentId]/+server';
import { POST as rosterRoute } from '../../routes/api/classes/[code]/roster/+server';
import { PATCH as rosterEntryRoute } from '../../routes/api/classes/[code]/roster/[rosterId]/+server';
import { GET as studentRoute } from '../../routes/api/classes/[code]/students/[studentId]/+server';
import type {
	AssignmentView,
	ClassCreated,
	ClassKnowledge,
	ClassMe,
	StudentDetail
} from '$lib/api';
import { parseDashboard } from '$lib/api';
import type { Card } from '$lib/decks/types';
import { recallOf } from './classes/recall';
import { getDatabase } from './db';
import { getDecks } from './decks';
import { resetRateLimits } from './rate-limit';
import { ENGINES, serveFromTestPlace } from './testing/engines';

beforeEach(() => resetRateLimits());

const ORIGIN = 'http://meridian.test';
type Handler = (event: never) => Response | Promise<Response>;

interface Call {
	method?: string;
	body?: unknown;
	key?: string;
	params?: Record<string, string>;
}

async function call(
	handler: Handler,
	path: string,
	{ method = 'GET', body, key, params = {} }: Call = {}
) {
	const headers: Record<string, string> = {};
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (key !== undefined) headers.authorization = `Bearer ${key}`;
	const request = new Request(ORIGIN + path, {
		method,
		headers,
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
	});
	const event = {
		request,
		url: new URL(request.url),
		params,
		getClientAddress: () => '192.0.2.1'
	};
	return handler(event as never);
}

async function expectError(res: Response, status: number, text: string) {
	expect(res.status).toBe(status);
	expect((await res.json()).error).toContain(text);
}

const count = async (table: string) =>
	Number(
		(
			await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(
				await getDatabase()
			)
		).rows[0]!.n
	);
const counts = async () =>
	Object.fromEntries(
		await Promise.all(
			[
				'classes',
				'roster',
				'members',
				'assignments',
				'submissions',
				'extensions',
				'review_progress'
			].map(async (t) => [t, await count(t)] as const)
		)
	);

const KEY_A = 'a'.repeat(43);
const KEY_B = 'b'.repeat(43);
const KEY_C = 'c'.repeat(43);
const DAY = 86_400_000;

const QUIZ = {
	title: 'Risks, 5 questions',
	deckId: 'risk-benefit',
	mode: 'quiz',
	questionCount: 5,
	passMark: 0.7,
	dueAt: '2099-05-09T17:00:00Z'
};

function rightResponse(card: Card): unknown {
	switch (card.type) {
		case 'mcq':
			return { kind: 'choice', option: card.options[0] };
		case 'truefalse':
			return { kind: 'truefalse', value: card.statementIsTrue };
		case 'numeric':
			return { kind: 'number', text: String(card.value) };
		case 'ordering':
			return { kind: 'order', events: [...card.events] };
		case 'cloze':
			return { kind: 'blanks', texts: card.blanks.map((b) => b.answer) };
		default:
			return { kind: 'text', text: card.answer };
	}
}
function wrongResponse(card: Card): unknown {
	switch (card.type) {
		case 'mcq':
			return { kind: 'choice', option: card.options[1] };
		case 'truefalse':
			return { kind: 'truefalse', value: !card.statementIsTrue };
		case 'numeric':
			return { kind: 'number', text: '-1' };
		case 'ordering':
			return { kind: 'order', events: [...card.events].reverse() };
		case 'cloze':
			return { kind: 'blanks', texts: card.blanks.map(() => 'qqq') };
		default:
			return { kind: 'text', text: 'qqq' };
	}
}
const cardById = (id: string) =>
	getDecks()
		.decks.flatMap((d) => d.cards)
		.find((c) => c.id === id)!;

const createClass = async (body: object) => {
	const res = await call(createClassRoute, '/api/classes', { method: 'POST', body });
	expect(res.status).toBe(201);
	return (await res.json()) as ClassCreated;
};
const join = (code: string, body: object) =>
	call(joinRoute, `/api/classes/${code}/members`, { method: 'POST', body, params: { code } });
const dashboard = async (code: string, key: string) => {
	const res = await call(dashboardRoute, `/api/classes/${code}/dashboard`, {
		key,
		params: { code }
	});
	expect(res.status).toBe(200);
	return parseDashboard(await res.json());
};
const me = (code: string, studentId: string, key: string) =>
	call(meRoute, `/api/classes/${code}/me?studentId=${studentId}`, { key, params: { code } });
const newClassAssignment = async (classCode: string, key: string, body: object = QUIZ) => {
	const res = await call(createAssignmentRoute, '/api/assignments', {
		method: 'POST',
		body: { ...body, classCode },
		key
	});
	expect(res.status).toBe(201);
	return (await res.json()) as { code: string; instructorKey: string };
};
const getAssignment = async (code: string) =>
	(await (
		await call(assignmentRoute.GET, `/api/assignments/${code}`, { params: { code } })
	).json()) as AssignmentView;
const patch = (code: string, key: string, body: unknown) =>
	call(assignmentRoute.PATCH, `/api/assignments/${code}`, {
		method: 'PATCH',
		body,
		key,
		params: { code }
	});
let subSeq = 0;
const submit = (code: string, studentId: string, over: object = {}) =>
	call(submitRoute, `/api/assignments/${code}/submissions`, {
		method: 'POST',
		params: { code },
		body: {
			id: `sub-${String(++subSeq).padStart(8, '0')}`,
			studentId,
			name: 'Student',
			answers: [],
			startedAt: Date.UTC(2025, 4, 5, 9, 0),
			finishedAt: Date.UTC(2025, 4, 5, 9, 4),
			...over
		}
	});

describe.each(ENGINES)('classes on %s', (engine) => {
	serveFromTestPlace(engine);

	describe('POST /api/classes', () => {
		it('answers 201 with the code, key, links and the roster read from text', async () => {
			const made = await createClass({
				name: ' Politics 101 ',
				roster: 'Ana Lima, 1001\n\n  \nBo Chen, 1002\n<b>Cy</b> <img src=x onerror=alert(1)>\n'
			});
			expect(made.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{7}$/);
			expect(made.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(made.joinUrl).toBe(`${ORIGIN}/class/${made.code}`);
			expect(made.dashboardUrl).toBe(`${ORIGIN}/teach/class/${made.code}#key=${made.key}`);
			expect(made.roster.map((r) => [r.name, r.studentNumber])).toEqual([
				['Ana Lima', '1001'],
				['Bo Chen', '1002'],
				['<b>Cy</b> <img src=x onerror=alert(1)>', null]
			]);
			const stored = await (
				await getDatabase()
			)
				.selectFrom('classes')
				.selectAll()
				.where('code', '=', made.code)
				.executeTakeFirstOrThrow();
			expect(stored.name).toBe('Politics 101');
			expect(stored.key_hash).not.toContain(made.key);
		});

		it('takes a roster of 2,000 lines', async () => {
			const lines = Array.from({ length: 2000 }, (_, i) => `Student ${i}, ${10_000 + i}`);
			const made = await createClass({ name: 'Lecture', roster: lines.join('\n') });
			expect(made.roster).toHaveLength(2000);
		});

		it.each([
			[
				'2,001 lines',
				{ roster: Array.from({ length: 2001 }, (_, i) => `S ${i}, ${i}`).join('\n') },
				'roster: at most 2000 students in a class, got 2001'
			],
			[
				'a duplicate number',
				{ roster: 'Ana, 7\nBo, 8\nCy, 7' },
				'roster line 3: student number "7" is already on line 1'
			],
			[
				'a bidi control in a name',
				{ roster: 'Ana, 1\nEve\u202Eyob, 2' },
				'roster line 2: name: must not contain bidirectional'
			],
			[
				'a bidi control in the class name',
				{ name: 'Class \u2067x' },
				'name: must not contain bidirectional'
			],
			['an empty class name', { name: '   ' }, 'name: must not be empty'],
			['a roster that is a number', { roster: 5 }, 'roster: must be text'],
			[
				'a bad list entry',
				{ roster: [{ name: 'Ana' }, { name: 'Bo', timeMultiplier: 0.5 }] },
				'roster.1: timeMultiplier: must be at least 1'
			]
		])('refuses %s with 400 naming it, storing nothing', async (_, change, text) => {
			const before = await counts();
			const res = await call(createClassRoute, '/api/classes', {
				method: 'POST',
				body: { name: 'Class', ...change }
			});
			await expectError(res, 400, text);
			expect(await counts()).toEqual(before);
		});
	});

	describe('GET /api/classes/<code>', () => {
		it('gives a joiner the name and whether there is a roster, nothing about students', async () => {
			const { code } = await createClass({ name: 'Term 1', roster: 'Ana, 1' });
			const res = await call(classRoute.GET, `/api/classes/${code}`, { params: { code } });
			expect(res.status).toBe(200);
			const body = await res.json();
			expect(body).toEqual({
				code,
				name: 'Term 1',
				hasRoster: true,
				createdAt: expect.any(String)
			});
		});

		it('answers 404 for an unknown or malformed code', async () => {
			for (const code of ['ZZZZZZZ', 'nope']) {
				const res = await call(classRoute.GET, `/api/classes/${code}`, { params: { code } });
				await expectError(res, 404, 'no class with code');
			}
		});
	});

	describe('joining: POST /api/classes/<code>/members', () => {
		let klass: ClassCreated;
		beforeAll(async () => {
			klass = await createClass({
				name: 'Join',
				roster: 'Ana Lima, 1001\nJosé Álvarez, 1002\nBo Chen'
			});
		});

		it('matches by student number, and a retry with the same key is the same membership', async () => {
			const body = {
				studentId: 'stu-join-0001',
				name: 'Ana L.',
				studentNumber: '1001',
				memberKey: KEY_A
			};
			const first = await join(klass.code, body);
			expect(first.status).toBe(201);
			const joined = await first.json();
			expect(joined).toMatchObject({
				status: 'joined',
				memberKey: KEY_A,
				class: { code: klass.code, name: 'Join', hasRoster: true },
				member: { studentId: 'stu-join-0001', status: 'matched', rosterId: klass.roster[0]!.id }
			});
			const before = await counts();
			const again = await join(klass.code, body);
			expect(again.status).toBe(200);
			expect((await again.json()).member).toEqual(joined.member);
			expect(await counts()).toEqual(before);
		});

		it('refuses the same student id without its key (409), storing nothing', async () => {
			const before = await counts();
			await expectError(
				await join(klass.code, { studentId: 'stu-join-0001', name: 'Mallory' }),
				409,
				'studentId: already joined'
			);
			expect(await counts()).toEqual(before);
		});

		it('asks to confirm a near name and stores nothing until confirmed', async () => {
			const before = await counts();
			const res = await join(klass.code, {
				studentId: 'stu-join-0002',
				name: 'jose alvarez',
				memberKey: KEY_B
			});
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({
				status: 'confirm',
				candidates: [{ rosterId: klass.roster[1]!.id, name: 'José Álvarez' }]
			});
			expect(await counts()).toEqual(before);
			await expectError(
				await join(klass.code, {
					studentId: 'stu-join-0002',
					name: 'jose alvarez',
					confirmRosterId: klass.roster[2]!.id
				}),
				400,
				'confirmRosterId'
			);
			const confirmed = await join(klass.code, {
				studentId: 'stu-join-0002',
				name: 'jose alvarez',
				memberKey: KEY_B,
				confirmRosterId: klass.roster[1]!.id
			});
			expect(confirmed.status).toBe(201);
			expect((await confirmed.json()).member).toMatchObject({
				status: 'matched',
				rosterId: klass.roster[1]!.id
			});
		});

		it('stores an unmatched joiner (or "none of these") as pending, with a key made by the server', async () => {
			const res = await join(klass.code, { studentId: 'stu-join-0003', name: 'Zed Quux' });
			expect(res.status).toBe(201);
			const body = await res.json();
			expect(body.member.status).toBe('pending');
			expect(body.memberKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
			const none = await join(klass.code, {
				studentId: 'stu-join-0004',
				name: 'Bo Chen?',
				confirmRosterId: null
			});
			expect((await none.json()).member.status).toBe('pending');
		});

		it('answers 404 for an unknown class and 400 for a bad body, storing nothing', async () => {
			const before = await counts();
			await expectError(
				await join('ZZZZZZZ', { studentId: 'stu-join-0009', name: 'A' }),
				404,
				'no class'
			);
			await expectError(
				await join(klass.code, { studentId: 'stu-join-0009', name: 'Eve\u202E' }),
				400,
				'name: must not contain bidirectional'
			);
			expect(await counts()).toEqual(before);
		});
	});

	describe('the instructor: keys, roster and members', () => {
		let klass: ClassCreated;
		beforeAll(async () => {
			klass = await createClass({ name: 'Keys', roster: 'Ana Lima, 1001\nBo Chen, 1002' });
			expect(
				(await join(klass.code, { studentId: 'stu-keys-0001', name: 'Someone', memberKey: KEY_A }))
					.status
			).toBe(201);
		});

		it('refuses a student key for instructor actions with 403, a wrong key with 401, an unknown code with 404', async () => {
			const { code } = klass;
			const before = await counts();
			await expectError(
				await call(dashboardRoute, '/', { key: KEY_A, params: { code } }),
				403,
				"student's member key"
			);
			await expectError(
				await call(dashboardRoute, '/', { key: KEY_C, params: { code } }),
				401,
				'not the class key'
			);
			await expectError(
				await call(dashboardRoute, '/', { params: { code } }),
				401,
				'not the class key'
			);
			await expectError(
				await call(dashboardRoute, '/', { key: klass.key, params: { code: 'ZZZZZZZ' } }),
				404,
				'no class'
			);
			await expectError(
				await call(rosterRoute, '/', {
					method: 'POST',
					key: KEY_A,
					body: { roster: 'Eve, 9' },
					params: { code }
				}),
				403,
				"student's member key"
			);
			await expectError(
				await call(classRoute.PATCH, '/', {
					method: 'PATCH',
					key: KEY_A,
					body: { name: 'Mine' },
					params: { code }
				}),
				403,
				"student's member key"
			);
			await expectError(
				await call(keyRoute, '/', { method: 'POST', key: KEY_A, params: { code } }),
				403,
				'member key'
			);
			await expectError(
				await call(createAssignmentRoute, '/api/assignments', {
					method: 'POST',
					key: KEY_A,
					body: { ...QUIZ, classCode: code }
				}),
				403,
				'member key'
			);
			expect(await counts()).toEqual(before);
		});

		it('renames (PATCH) and replaces the key: the old one stops working', async () => {
			const { code } = klass;
			const renamed = await call(classRoute.PATCH, '/', {
				method: 'PATCH',
				key: klass.key,
				body: { name: 'Keys 2' },
				params: { code }
			});
			expect(renamed.status).toBe(200);
			expect((await renamed.json()).name).toBe('Keys 2');
			const res = await call(keyRoute, '/', { method: 'POST', key: klass.key, params: { code } });
			expect(res.status).toBe(200);
			const { key, dashboardUrl } = await res.json();
			expect(dashboardUrl).toBe(`${ORIGIN}/teach/class/${code}#key=${key}`);
			await expectError(
				await call(dashboardRoute, '/', { key: klass.key, params: { code } }),
				401,
				'not the class key'
			);
			expect((await dashboard(code, key)).class.name).toBe('Keys 2');
			klass = { ...klass, key };
		});

		it('adds to the roster, refusing a number already on it and storing nothing then', async () => {
			const { code, key } = klass;
			const before = await counts();
			await expectError(
				await call(rosterRoute, '/', {
					method: 'POST',
					key,
					body: { roster: 'Cy, 1003\nDee, 1001' },
					params: { code }
				}),
				400,
				'roster line 2: student number "1001" is already on the roster (Ana Lima)'
			);
			expect(await counts()).toEqual(before);
			const res = await call(rosterRoute, '/', {
				method: 'POST',
				key,
				body: { roster: [{ name: 'Cy', studentNumber: '1003', timeMultiplier: 1.5 }] },
				params: { code }
			});
			expect(res.status).toBe(201);
			expect((await res.json()).roster.map((r: { name: string }) => r.name)).toEqual([
				'Ana Lima',
				'Bo Chen',
				'Cy'
			]);
		});

		it('edits a roster entry (time multiplier), 404 for an unknown one, 409 for a taken number', async () => {
			const { code, key } = klass;
			const rosterId = klass.roster[1]!.id;
			const res = await call(rosterEntryRoute, '/', {
				method: 'PATCH',
				key,
				body: { timeMultiplier: 2, name: 'Bo Chen-Li' },
				params: { code, rosterId }
			});
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({
				id: rosterId,
				name: 'Bo Chen-Li',
				timeMultiplier: 2,
				studentNumber: '1002'
			});
			await expectError(
				await call(rosterEntryRoute, '/', {
					method: 'PATCH',
					key,
					body: { studentNumber: '1001' },
					params: { code, rosterId }
				}),
				409,
				'studentNumber: "1001" is already on the roster'
			);
			await expectError(
				await call(rosterEntryRoute, '/', {
					method: 'PATCH',
					key,
					body: { timeMultiplier: 2 },
					params: { code, rosterId: 'nope' }
				}),
				404,
				'rosterId'
			);
		});

		it('matches a pending member to a roster entry, or accepts one; 404 for a stranger', async () => {
			const { code, key } = klass;
			const decide = (studentId: string, body: unknown) =>
				call(decideRoute, '/', { method: 'POST', key, body, params: { code, studentId } });
			const matched = await decide('stu-keys-0001', {
				action: 'match',
				rosterId: klass.roster[1]!.id
			});
			expect(matched.status).toBe(200);
			expect(await matched.json()).toMatchObject({
				status: 'matched',
				rosterId: klass.roster[1]!.id,
				timeMultiplier: 2
			});
			expect(
				(await join(code, { studentId: 'stu-keys-0002', name: 'Other', memberKey: KEY_B })).status
			).toBe(201);
			await expectError(
				await decide('stu-keys-0002', { action: 'match', rosterId: klass.roster[1]!.id }),
				409,
				'already matched'
			);
			expect((await (await decide('stu-keys-0002', { action: 'accept' })).json()).status).toBe(
				'accepted'
			);
			await expectError(await decide('stu-nobody-01', { action: 'accept' }), 404, 'not a member');
			await expectError(await decide('stu-keys-0002', { action: 'promote' }), 400, 'action');
			const board = await dashboard(code, key);
			expect(board.pending).toEqual([]);
			expect(board.students.map((s) => [s.name, s.status])).toEqual([
				['Ana Lima', 'not joined'],
				['Bo Chen-Li', 'matched'],
				['Cy', 'not joined'],
				['Other', 'accepted']
			]);
		});
	});

	describe("the dashboard's counted attempt", () => {
		it('counts the best, the first or the latest attempt, and dates the cell by the first', async () => {
			const klass = await createClass({ name: 'Counting', roster: 'Ana Lima, 1001' });
			const joined = await join(klass.code, {
				studentId: 'stu-count-0001',
				name: 'Ana Lima',
				studentNumber: '1001',
				memberKey: KEY_A
			});
			expect(joined.status).toBe(201);
			const rules = ['best', 'first', 'latest'] as const;
			const quizzes = [];
			for (const counts of rules)
				quizzes.push(
					await newClassAssignment(klass.code, klass.key, {
						...QUIZ,
						title: counts,
						maxAttempts: null,
						counts,
						dueAt: '2025-05-05T09:05:00Z'
					})
				);
			for (const quiz of quizzes) {
				const { questionIds } = await getAssignment(quiz.code);
				const answers = (right: boolean) =>
					questionIds.map((id) => ({
						cardId: id,
						response: (right ? rightResponse : wrongResponse)(cardById(id))
					}));
				// Wrong on time (9:04), right late (9:10), then wrong again with the same finish time.
				for (const [right, minute] of [
					[false, 4],
					[true, 10],
					[false, 10]
				] as const)
					expect(
						(
							await submit(quiz.code, 'stu-count-0001', {
								answers: answers(right),
								finishedAt: Date.UTC(2025, 4, 5, 9, minute)
							})
						).status
					).toBe(201);
			}
			const board = await dashboard(klass.code, klass.key);
			expect(board.students[0]!.cells.map((c) => [c.status, c.attempts, c.score])).toEqual([
				['submitted', 3, 100],
				['submitted', 3, 0],
				// The latest finish is a tie at 9:10: the one sent first counts.
				['submitted', 3, 100]
			]);
		});
	});

	describe('class assignments, the dashboard and what students see', () => {
		let klass: ClassCreated;
		let quiz: { code: string; instructorKey: string };
		let review: { code: string; instructorKey: string };
		let reviewCards: string[];
		const NOW = Date.now();

		beforeAll(async () => {
			klass = await createClass({
				name: 'Term',
				roster: 'Ana Lima, 1001\nBo Chen, 1002\nCy Diaz, 1003'
			});
			await call(rosterEntryRoute, '/', {
				method: 'PATCH',
				key: klass.key,
				body: { timeMultiplier: 1.5 },
				params: { code: klass.code, rosterId: klass.roster[1]!.id }
			});
			for (const [id, number, key] of [
				['stu-term-0001', '1001', KEY_A],
				['stu-term-0002', '1002', KEY_B]
			] as const) {
				expect(
					(
						await join(klass.code, {
							studentId: id,
							name: 'x',
							studentNumber: number,
							memberKey: key
						})
					).status
				).toBe(201);
			}
			expect(
				(await join(klass.code, { studentId: 'stu-term-0003', name: 'Walk In', memberKey: KEY_C }))
					.status
			).toBe(201);
			quiz = await newClassAssignment(klass.code, klass.key, {
				...QUIZ,
				timeLimitMinutes: 10,
				shuffle: true,
				dueAt: new Date(NOW + DAY).toISOString()
			});
			reviewCards = getDecks()
				.decks.find((d) => d.id === 'history')!
				.cards.slice(0, 4)
				.map((c) => c.id);
			review = await newClassAssignment(klass.code, klass.key, {
				title: 'Review these',
				deckId: 'all',
				mode: 'review',
				dueAt: new Date(NOW - DAY).toISOString(),
				cardIds: reviewCards
			});
		});

		it('creates assignments in the class with its key: the view names the class, limit and shuffle', async () => {
			const view = await getAssignment(quiz.code);
			expect(view).toMatchObject({
				classCode: klass.code,
				closed: false,
				timeLimitMinutes: 10,
				shuffle: true
			});
			expect((await getAssignment(review.code)).questionIds).toEqual(reviewCards);
		});

		it('refuses a class assignment without the class key, for an unknown class or bad cards, storing nothing', async () => {
			const before = await counts();
			const create = (body: object, key?: string) =>
				call(createAssignmentRoute, '/api/assignments', { method: 'POST', body, key });
			await expectError(await create({ ...QUIZ, classCode: klass.code }), 401, 'not the class key');
			await expectError(await create({ ...QUIZ, classCode: klass.code }, KEY_C), 403, 'member key');
			await expectError(
				await create({ ...QUIZ, classCode: 'ZZZZZZZ' }, klass.key),
				404,
				'no class'
			);
			await expectError(
				await create({ ...QUIZ, classCode: klass.code, cardIds: ['x'] }, klass.key),
				400,
				'cardIds: only a review'
			);
			// A quiz takes no list of cards in any form, in a class or alone, even of the deck's cards.
			for (const cardIds of [[reviewCards[0]], [], null])
				for (const inClass of [{ classCode: klass.code }, {}])
					await expectError(
						await create({ ...QUIZ, ...inClass, deckId: 'history', cardIds }, klass.key),
						400,
						'cardIds: only a review assignment takes a list of cards'
					);
			await expectError(
				await create(
					{
						title: 'R',
						deckId: 'history',
						mode: 'review',
						dueAt: '2099-01-01',
						classCode: klass.code,
						cardIds: [reviewCards[0], 'nope']
					},
					klass.key
				),
				400,
				'cardIds.1: "nope" is not in deck "history"'
			);
			expect(await counts()).toEqual(before);
		});

		it('records the time limit with the multiplier: overtime flagged, never dropped', async () => {
			const start = NOW - 60 * 60_000;
			// Bo has 1.5 x 10 minutes: 14 minutes is within, 16 over.
			const within = await submit(quiz.code, 'stu-term-0002', {
				startedAt: start,
				finishedAt: start + 14 * 60_000
			});
			expect(within.status).toBe(201);
			expect(await within.json()).toMatchObject({
				overtime: false,
				durationMs: 14 * 60_000,
				late: false
			});
			const over = await submit(quiz.code, 'stu-term-0001', {
				startedAt: start,
				finishedAt: start + 11 * 60_000
			});
			expect(over.status).toBe(201);
			expect(await over.json()).toMatchObject({ overtime: true, durationMs: 11 * 60_000 });
		});

		it('takes review progress: idempotent, the later review wins, other cards refused naming them', async () => {
			const send = (studentId: string, key: string, cards: object[]) =>
				call(progressRoute, '/', {
					method: 'POST',
					key,
					body: { studentId, cards },
					params: { code: review.code }
				});
			const state = (cardId: string, lastReview: number, stability = 5) => ({
				cardId,
				stability,
				difficulty: 5,
				lastReview,
				reps: 2,
				lapses: 0,
				state: 2
			});
			const t = NOW - 2 * DAY;
			const first = await send('stu-term-0001', KEY_A, [
				state(reviewCards[0]!, t),
				state(reviewCards[1]!, t)
			]);
			expect(first.status).toBe(200);
			expect(await first.json()).toEqual({ stored: 2, unchanged: 0 });
			const replay = await send('stu-term-0001', KEY_A, [
				state(reviewCards[0]!, t),
				state(reviewCards[1]!, t)
			]);
			expect(await replay.json()).toEqual({ stored: 0, unchanged: 2 });
			const older = await send('stu-term-0001', KEY_A, [state(reviewCards[0]!, t - DAY, 1)]);
			expect(await older.json()).toEqual({ stored: 0, unchanged: 1 });
			const newer = await send('stu-term-0001', KEY_A, [state(reviewCards[0]!, t + 1000, 9)]);
			expect(await newer.json()).toEqual({ stored: 1, unchanged: 0 });
			const before = await counts();
			await expectError(
				await send('stu-term-0001', KEY_A, [state(reviewCards[2]!, t), state('not-a-card', t)]),
				400,
				'cards.1.cardId "not-a-card"'
			);
			await expectError(
				await send('stu-term-0001', KEY_B, [state(reviewCards[2]!, t)]),
				401,
				'no member'
			);
			await expectError(
				await send('stu-term-0001', KEY_A, [state(reviewCards[2]!, t), state(reviewCards[2]!, t)]),
				400,
				'listed twice'
			);
			const single = await call(createAssignmentRoute, '/api/assignments', {
				method: 'POST',
				body: { title: 'R', deckId: 'history', mode: 'review', dueAt: '2099-01-01' }
			});
			const { code: singleCode } = await single.json();
			await expectError(
				await call(progressRoute, '/', {
					method: 'POST',
					key: KEY_A,
					body: { studentId: 'stu-term-0001', cards: [state(reviewCards[0]!, t)] },
					params: { code: singleCode }
				}),
				400,
				'assignments of a class'
			);
			const after = await counts();
			expect({ ...after, assignments: before.assignments }).toEqual(before);
		});

		it('answers the dashboard grid: statuses, scores, attempts, overtime, cards studied and recall', async () => {
			const board = await dashboard(klass.code, klass.key);
			expect(board.assignments.map((a) => [a.code, a.mode, a.itemCount])).toEqual([
				[quiz.code, 'quiz', 5],
				[review.code, 'review', 4]
			]);
			expect(board.students.map((s) => [s.name, s.status, s.timeMultiplier])).toEqual([
				['Ana Lima', 'matched', 1],
				['Bo Chen', 'matched', 1.5],
				['Cy Diaz', 'not joined', 1],
				['Walk In', 'pending', 1]
			]);
			const [ana, bo, cy, walk] = board.students;
			expect(ana!.cells[0]).toMatchObject({
				status: 'submitted',
				score: 0,
				attempts: 1,
				overtime: true
			});
			expect(bo!.cells[0]).toMatchObject({ status: 'submitted', attempts: 1, overtime: false });
			expect(cy!.cells[0]).toMatchObject({ status: 'open', score: null, attempts: 0 });
			expect(walk!.cells[1]).toMatchObject({ status: 'missing', cardsStudied: 0, recall: null });
			const cell = ana!.cells[1]!;
			expect(cell.cardsStudied).toBe(2);
			const at = Date.parse(board.at);
			const expected =
				(recallOf({ stability: 9, last_review: NOW - 2 * DAY + 1000, state: 2 }, at)! +
					recallOf({ stability: 5, last_review: NOW - 2 * DAY, state: 2 }, at)!) /
				2;
			expect(cell.recall).toBeCloseTo(expected, 6);
			expect(board.pending.map((m) => m.studentId)).toEqual(['stu-term-0003']);
		});

		it('shows a student their class: extension, effective limit, closed flag, their own results only', async () => {
			const res = await me(klass.code, 'stu-term-0002', KEY_B);
			expect(res.status).toBe(200);
			const mine = (await res.json()) as ClassMe;
			expect(mine.member).toMatchObject({ studentId: 'stu-term-0002', timeMultiplier: 1.5 });
			expect(mine.assignments.map((a) => a.code)).toEqual([review.code, quiz.code]);
			const q = mine.assignments[1]!;
			expect(q).toMatchObject({
				closed: false,
				effectiveTimeLimitMinutes: 15,
				extendedTo: null,
				cardsStudied: null
			});
			expect(q.results).toHaveLength(1);
			expect(q.results[0]).toMatchObject({ overtime: false, attempt: 1, counts: true });
			expect(JSON.stringify(mine)).not.toContain('stu-term-0001');
			await expectError(await me(klass.code, 'stu-term-0002', KEY_A), 401, 'no member');
			await expectError(await me(klass.code, 'stu-nobody-01', KEY_A), 401, 'no member');
			await expectError(await me('ZZZZZZZ', 'stu-term-0002', KEY_B), 404, 'no class');
		});

		it('extends for members only (400 naming strangers, nothing stored); lateness uses the extension', async () => {
			const extend = (key: string, body: unknown) =>
				call(extensionsRoute, '/', { method: 'POST', key, body, params: { code: review.code } });
			const before = await counts();
			await expectError(
				await extend(klass.key, {
					studentIds: ['stu-term-0001', 'stu-stranger1'],
					dueAt: '2099-01-01'
				}),
				400,
				`studentIds: not members of class ${klass.code}: "stu-stranger1"`
			);
			await expectError(
				await extend(KEY_A, { studentIds: ['stu-term-0001'], dueAt: '2099-01-01' }),
				403,
				'member key'
			);
			await expectError(
				await extend(KEY_C.replace('c', 'd'), {
					studentIds: ['stu-term-0001'],
					dueAt: '2099-01-01'
				}),
				401,
				''
			);
			expect(await counts()).toEqual(before);
			// A report now is late for Walk In, whose due date passed, and not for Ana once extended.
			const later = new Date(NOW + 7 * DAY).toISOString();
			const res = await extend(review.instructorKey, {
				studentIds: ['stu-term-0001'],
				dueAt: later
			});
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({
				extensions: [{ studentId: 'stu-term-0001', dueAt: later }],
				removed: 0
			});
			const finish = {
				startedAt: NOW - 60_000,
				finishedAt: NOW - 1000,
				reviewed: [reviewCards[0]]
			};
			expect(await (await submit(review.code, 'stu-term-0001', finish)).json()).toMatchObject({
				late: false,
				sentAfterDue: false
			});
			expect(await (await submit(review.code, 'stu-term-0003', finish)).json()).toMatchObject({
				late: true
			});
			const board = await dashboard(klass.code, klass.key);
			expect(board.students[0]!.cells[1]).toMatchObject({ status: 'submitted', extendedTo: later });
			expect(board.students[3]!.cells[1]).toMatchObject({ status: 'late' });
			const mine = (await (await me(klass.code, 'stu-term-0001', KEY_A)).json()) as ClassMe;
			expect(mine.assignments[0]).toMatchObject({
				dueAt: later,
				extendedTo: later,
				cardsStudied: 2
			});
		});

		it('edits, closes and reopens: a closed assignment refuses submissions and edits with 409', async () => {
			const renamed = await patch(quiz.code, klass.key, {
				title: 'Risks (renamed)',
				instructions: 'Go.'
			});
			expect(renamed.status).toBe(200);
			expect(await renamed.json()).toMatchObject({
				title: 'Risks (renamed)',
				instructions: 'Go.',
				closed: false
			});
			await expectError(await patch(quiz.code, KEY_A, { title: 'x' }), 403, 'member key');
			await expectError(await patch(quiz.code, KEY_D, { title: 'x' }), 401, '');
			await expectError(await patch('ZZZZZZZ', klass.key, { title: 'x' }), 404, '');
			await expectError(await patch(quiz.code, klass.key, {}), 400, 'at least one field');
			const closed = await patch(quiz.code, quiz.instructorKey, { closed: true });
			expect((await closed.json()).closed).toBe(true);
			const before = await counts();
			await expectError(
				await submit(quiz.code, 'stu-term-0003'),
				409,
				`"Risks (renamed)" (${quiz.code}) is closed`
			);
			await expectError(
				await patch(quiz.code, klass.key, { dueAt: '2099-02-01', title: 'y' }),
				409,
				'is closed; reopen it ({ "closed": false }) before changing title, dueAt'
			);
			await expectError(
				await call(extensionsRoute, '/', {
					method: 'POST',
					key: klass.key,
					body: { studentIds: ['stu-term-0001'], dueAt: null },
					params: { code: quiz.code }
				}),
				409,
				'before changing extensions'
			);
			expect(await counts()).toEqual(before);
			expect((await dashboard(klass.code, klass.key)).assignments[0]!.closed).toBe(true);
			const reopened = await patch(quiz.code, klass.key, { closed: false });
			expect((await reopened.json()).closed).toBe(false);
			expect((await submit(quiz.code, 'stu-term-0003')).status).toBe(201);
		});

		it('rejudges lateness when the due date moves (results and dashboard agree)', async () => {
			const res = await patch(quiz.code, klass.key, { dueAt: '2020-01-01T00:00:00Z' });
			expect(res.status).toBe(200);
			const results = await call(resultsRoute, '/', {
				key: quiz.instructorKey,
				params: { code: quiz.code }
			});
			const { submissions } = await results.json();
			expect(submissions.every((s: { late: boolean }) => s.late)).toBe(true);
			const board = await dashboard(klass.code, klass.key);
			expect(board.students[0]!.cells[0]!.status).toBe('late');
		});

		it("opens each assignment's results with the class key; another class's key is a wrong key", async () => {
			const params = { code: quiz.code };
			const ok = await call(resultsRoute, '/', { key: klass.key, params });
			expect(ok.status).toBe(200);
			const own = await call(resultsRoute, '/', { key: quiz.instructorKey, params });
			expect((await ok.json()).submissions).toEqual((await own.json()).submissions);
			const csv = await call(resultsCsvRoute, '/', { key: klass.key, params });
			expect(csv.status).toBe(200);
			expect((await csv.text()).split('\r\n')[0]).toMatch(/^\uFEFF?name,student number,score/);
			// Grading changes too (the results page's "accept for everyone"): a blank is refused
			// with 400 after the key opened the assignment, not 401.
			await expectError(
				await call(acceptancesRoute.POST as Handler, '/', {
					method: 'POST',
					key: klass.key,
					params,
					body: { cardId: 'nope', response: { kind: 'text', text: 'x' } }
				}),
				400,
				'cardId'
			);
			// Another class's key, a member key of this class, an unknown code: all the one 401.
			const other = await createClass({ name: 'Other term' });
			const wrong = await call(resultsRoute, '/', { key: quiz.instructorKey + 'x', params });
			expect(wrong.status).toBe(401);
			const body = await wrong.json();
			for (const [key, code] of [
				[other.key, quiz.code],
				[KEY_A, quiz.code],
				[klass.key, 'ZZZZZZZ']
			] as const) {
				for (const route of [resultsRoute, resultsCsvRoute]) {
					const res = await call(route, '/', { key, params: { code } });
					expect(res.status).toBe(401);
					expect(await res.json()).toEqual(body);
				}
			}
			// A single assignment (no class) is not opened by any class key.
			const single = await call(createAssignmentRoute, '/api/assignments', {
				method: 'POST',
				body: QUIZ
			});
			const { code: singleCode } = await single.json();
			const res = await call(resultsRoute, '/', { key: klass.key, params: { code: singleCode } });
			expect(res.status).toBe(401);
		});

		it('gives one student every attempt and answer across the class', async () => {
			const res = await call(studentRoute, '/', {
				key: klass.key,
				params: { code: klass.code, studentId: 'stu-term-0001' }
			});
			expect(res.status).toBe(200);
			const detail = (await res.json()) as StudentDetail;
			expect(detail.member.studentId).toBe('stu-term-0001');
			expect(detail.attempts.map((a) => a.assignmentCode).sort()).toEqual(
				[quiz.code, review.code].sort()
			);
			expect(detail.progress).toEqual([
				{ assignmentCode: review.code, cardsStudied: 2, total: 4, recall: expect.any(Number) }
			]);
			expect(detail.extensions).toEqual([
				{ assignmentCode: review.code, dueAt: expect.any(String) }
			]);
			await expectError(
				await call(studentRoute, '/', {
					key: KEY_A,
					params: { code: klass.code, studentId: 'stu-term-0001' }
				}),
				403,
				'member key'
			);
			await expectError(
				await call(studentRoute, '/', {
					key: klass.key,
					params: { code: klass.code, studentId: 'stu-nobody-01' }
				}),
				404,
				'not a member'
			);
		});

		it('maps the class knowledge per sentence and lists the weakest', async () => {
			const { questionIds } = await getAssignment(quiz.code);
			const answers = questionIds.map((id) => ({
				cardId: id,
				response: rightResponse(cardById(id))
			}));
			expect((await patch(quiz.code, klass.key, { dueAt: '2099-01-01T00:00:00Z' })).status).toBe(
				200
			);
			expect((await submit(quiz.code, 'stu-term-0002', { answers })).status).toBe(201);
			const wrong = questionIds.map((id) => ({
				cardId: id,
				response: wrongResponse(cardById(id))
			}));
			expect((await submit(quiz.code, 'stu-term-0001', { answers: wrong })).status).toBe(201);
			const res = await call(knowledgeRoute, '/', { key: klass.key, params: { code: klass.code } });
			expect(res.status).toBe(200);
			const map = (await res.json()) as ClassKnowledge;
			const cited = map.sentences.find((s) => s.cardIds.includes(questionIds[0]!))!;
			expect(cited.questions).toBeGreaterThanOrEqual(1);
			expect(cited.answered).toBeGreaterThanOrEqual(2);
			expect(cited.correctShare).toBeGreaterThan(0);
			expect(cited.correctShare).toBeLessThan(1);
			const studied = map.sentences.find((s) => s.cardIds.includes(reviewCards[0]!))!;
			expect(studied.studied).toBeGreaterThanOrEqual(1);
			expect(studied.recall).toBeGreaterThan(0);
			expect(map.weakest.length).toBeGreaterThan(0);
			expect(map.weakest.length).toBeLessThanOrEqual(10);
			await expectError(
				await call(knowledgeRoute, '/', { key: KEY_A, params: { code: klass.code } }),
				403,
				'member key'
			);
		});

		it('gives a per-assignment grid with option counts', async () => {
			const res = await call(gridRoute, '/', {
				key: klass.key,
				params: { code: klass.code, assignment: quiz.code }
			});
			expect(res.status).toBe(200);
			const grid = await res.json();
			expect(grid.questions).toHaveLength(5);
			expect(grid.rows.map((r: { studentId: string }) => r.studentId).sort()).toEqual([
				'stu-term-0001',
				'stu-term-0002',
				'stu-term-0003'
			]);
			for (const row of grid.rows) expect(row.answers).toHaveLength(5);
			await expectError(
				await call(gridRoute, '/', {
					key: klass.key,
					params: { code: klass.code, assignment: 'ZZZZZZZ' }
				}),
				404,
				'in this class'
			);
		});

		it('downloads the gradebook CSV: a row per student, a column per assignment', async () => {
			const res = await call(gradebookRoute, '/', { key: klass.key, params: { code: klass.code } });
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
			expect(res.headers.get('content-disposition')).toBe(
				`attachment; filename="meridian-class-${klass.code}-gradebook.csv"`
			);
			const text = await res.text();
			expect(text.charCodeAt(0)).not.toBe(0xfeff);
			const lines = text.trimEnd().split('\r\n');
			expect(lines[0]).toBe(
				`Student,SIS User ID,Risks (renamed) (${quiz.code}),Review these (${review.code})`
			);
			expect(lines).toHaveLength(5);
			expect(lines[3]).toBe('Cy Diaz,1003,,');
			expect(lines[1]).toMatch(/^Ana Lima,1001,0,50$/);
			await expectError(
				await call(gradebookRoute, '/', { key: KEY_B, params: { code: klass.code } }),
				403,
				'member key'
			);
		});
	});
});

const KEY_D = 'd'.repeat(43);
