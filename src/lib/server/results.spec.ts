// The instructor's results at scale: per-question counts kept by the database (answer_stats),
// `?since=`, the streamed CSV with per-question columns and the finish time in a time zone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResultsUpdate } from '$lib/api';
import type { Card } from '$lib/decks/types';
import type { QuizResponse } from '$lib/quiz';
import { responseKey } from '$lib/quiz/overrides';
import { GET as resultsRoute } from '../../routes/api/assignments/[code]/results/+server';
import { GET as csvRoute } from '../../routes/api/assignments/[code]/results.csv/+server';
import {
	acceptResponse,
	createAssignment,
	getResults,
	parseSince,
	parseTimeZone,
	resultsCsvStream,
	submitAssignment,
	summaryPages,
	undoAcceptance,
	type StoredAnswer
} from './assignments';
import { sha256 } from './assignments/assignments';
import { migrate, type DB } from './db';
import { getDecks } from './decks';
import { MIGRATIONS } from './migrations';
import { resetRateLimits } from './rate-limit';
import {
	dropDatabase,
	ENGINES,
	freshDatabase,
	serveFromTestPlace,
	type TestPlace
} from './testing/engines';

const NOW = Date.UTC(2025, 4, 5, 9, 0);
const { decks } = getDecks();
const all = decks.find((d) => d.id === 'all')!;
const first = <T extends Card['type']>(type: T) =>
	all.cards.find((c) => c.type === type) as Extract<Card, { type: T }>;
const mcq = first('mcq');
const tf = first('truefalse');
const typed =
	all.cards.find((c) => c.type === 'typed' && c.accepted.length === 0) ?? first('typed');
const QUESTIONS = [mcq.id, tf.id, typed.id];

const choice = (option: string): QuizResponse => ({ kind: 'choice', option });
const text = (t: string): QuizResponse => ({ kind: 'text', text: t });

let place: TestPlace;
let db: DB;

/** A quiz on deck "all" asking exactly QUESTIONS (the draw replaced, so the test knows them). */
async function newQuiz(counts: 'first' | 'best' | 'latest' = 'best') {
	const created = await createAssignment(
		db,
		decks,
		{
			title: 'Results quiz',
			deckId: 'all',
			mode: 'quiz',
			questionCount: 3,
			passMark: 0.5,
			dueAt: '2025-05-09T17:00:00Z',
			counts
		},
		NOW
	);
	await db
		.updateTable('assignments')
		.set({ question_ids: JSON.stringify(QUESTIONS) })
		.where('code', '=', created.code)
		.execute();
	return created;
}

/**
 * An assignment row as a database at an older version holds it (createAssignment writes the
 * latest schema's columns): deck "all", asking QUESTIONS for a quiz.
 */
async function oldAssignment(code: string, mode: 'quiz' | 'review') {
	const instructorKey = `key-of-${code}`;
	await db
		.insertInto('assignments')
		.values({
			code,
			title: `Old ${mode}`,
			deck_id: 'all',
			mode,
			question_ids: JSON.stringify(QUESTIONS),
			seed: 1,
			pass_mark: 0.5,
			due_at: '2025-05-09T17:00:00.000Z',
			instructions: '',
			key_hash: sha256(instructorKey).toString('hex'),
			created_at: new Date(NOW).toISOString(),
			max_attempts: null,
			counts: 'best',
			last_seq: 0,
			class_code: null,
			closed_at: null,
			time_limit_minutes: null,
			shuffle: 0
		} as never)
		.execute();
	return { code, instructorKey };
}

let clock = NOW + 60_000;
function submit(
	code: string,
	id: string,
	student: string,
	answers: [string, QuizResponse][],
	finishedAt = clock
) {
	clock += 1000;
	return submitAssignment(
		db,
		decks,
		code,
		{
			id,
			studentId: `student-${student}`,
			name: `Name ${student}`,
			answers: answers.map(([cardId, response]) => ({ cardId, response })),
			startedAt: NOW,
			finishedAt
		},
		clock
	);
}

/** The three questions' stats recounted in JS from the stored answers (what SQL must agree with). */
async function recount(code: string) {
	const rows = await db
		.selectFrom('submissions')
		.select('answers')
		.where('assignment_code', '=', code)
		.execute();
	const answers = rows.flatMap((r) => JSON.parse(r.answers) as StoredAnswer[]);
	return QUESTIONS.map((cardId) => {
		const mine = answers.filter((a) => a.cardId === cardId);
		const wrong = new Map<string, number>();
		for (const a of mine) if (!a.correct && !a.blank) wrong.set(a.key, (wrong.get(a.key) ?? 0) + 1);
		return {
			right: mine.filter((a) => a.correct).length,
			blank: mine.filter((a) => a.blank).length,
			wrong: mine.filter((a) => !a.correct && !a.blank).length,
			groups: [...wrong.values()].sort((a, b) => b - a)
		};
	});
}

async function statsNow(code: string, key: string) {
	const results = await getResults(db, decks, code, key);
	return results.questions.map((q) => ({
		right: q.right,
		blank: q.blank,
		wrong: q.wrong,
		groups: q.wrongResponses.map((w) => w.count)
	}));
}

describe.each(ENGINES)('results on %s', (engine) => {
	beforeEach(async () => ({ place, db } = await freshDatabase(engine)));
	afterEach(() => dropDatabase(db, place));

	/** Swaps the test's database for a fresh one with only the first `count` migrations applied. */
	async function migratedUpTo(count: number) {
		await dropDatabase(db, place);
		({ place, db } = await freshDatabase(engine, { upTo: count }));
	}

	it('counts verdicts, options and grouped wrong responses per question, and marks each submission', async () => {
		const { code, instructorKey } = await newQuiz();
		const wrongOption = mcq.options[1]!;
		await submit(code, 'sub-a-000001', 'stu-a', [
			[mcq.id, choice(mcq.options[0]!)],
			[tf.id, { kind: 'truefalse', value: tf.statementIsTrue }],
			[typed.id, text('Gazprom and Rosneft')]
		]);
		await submit(code, 'sub-b-000001', 'stu-b', [
			[mcq.id, choice(wrongOption)],
			[typed.id, text('gazprom AND rosneft!')]
		]);
		await submit(code, 'sub-c-000001', 'stu-c', [
			[mcq.id, choice(wrongOption)],
			[tf.id, { kind: 'truefalse', value: !tf.statementIsTrue }],
			[typed.id, text('   ')]
		]);
		const results = await getResults(db, decks, code, instructorKey);
		const [m, t, y] = results.questions as [
			(typeof results.questions)[0],
			(typeof results.questions)[0],
			(typeof results.questions)[0]
		];
		expect(m).toMatchObject({ answered: 3, right: 1, wrong: 2, blank: 0, unanswered: 0 });
		expect(m.correctShare).toBeCloseTo(1 / 3);
		expect(m.options).toEqual(
			mcq.options.map((option, i) => ({
				option,
				count: i === 0 ? 1 : option === wrongOption ? 2 : 0,
				correct: i === 0
			}))
		);
		expect(m.wrongResponses).toEqual([
			{ response: choice(wrongOption), given: wrongOption, count: 2 }
		]);
		expect(m.mostCommonWrong).toBe(wrongOption);
		expect(t).toMatchObject({ answered: 2, right: 1, wrong: 1, unanswered: 1 });
		expect(t.options).toEqual([
			{ option: 'True', count: 1, correct: tf.statementIsTrue },
			{ option: 'False', count: 1, correct: !tf.statementIsTrue }
		]);
		// Two spellings of one wrong answer are one group; a blank answer is in no group.
		expect(y).toMatchObject({ answered: 3, right: 0, wrong: 2, blank: 1, options: null });
		expect(y.wrongResponses).toHaveLength(1);
		expect(y.wrongResponses[0]!.count).toBe(2);
		expect(results.submissions.map((s) => s.marks)).toEqual([
			['right', 'right', 'wrong'],
			['wrong', 'blank', 'wrong'],
			['wrong', 'wrong', 'blank']
		]);
		expect(results).toMatchObject({ full: true, lastSeq: 3 });
	});

	it('keeps the counts equal to a recount from the rows through acceptances and undo', async () => {
		const { code, instructorKey } = await newQuiz();
		const answers = ['Gazprom and Rosneft', 'gazprom & rosneft', 'Lukoil', 'lukoil', 'Lukoil!'];
		for (const [i, given] of answers.entries())
			await submit(code, `sub-r-00000${i}`, `stu-r-${i}`, [
				[typed.id, text(given)],
				[mcq.id, choice(mcq.options[i % 2]!)]
			]);
		expect(await statsNow(code, instructorKey)).toEqual(await recount(code));
		const accept = { cardId: typed.id, response: text('LUKOIL') };
		await acceptResponse(db, decks, code, instructorKey, accept, clock);
		const after = await recount(code);
		expect(after[2]).toMatchObject({ right: 3, wrong: 2 });
		expect(await statsNow(code, instructorKey)).toEqual(after);
		await undoAcceptance(db, decks, code, instructorKey, accept, clock + 1);
		expect(await statsNow(code, instructorKey)).toEqual(await recount(code));
		expect((await recount(code))[2]).toMatchObject({ right: 0, wrong: 5 });
	});

	it('answers ?since= with only the students who changed, their attempts renumbered', async () => {
		const { code, instructorKey } = await newQuiz('latest');
		await submit(code, 'sub-s-000001', 'stu-1', [[mcq.id, choice(mcq.options[1]!)]]);
		await submit(code, 'sub-s-000002', 'stu-2', [[mcq.id, choice(mcq.options[0]!)]]);
		const full = await getResults(db, decks, code, instructorKey);
		expect(full.lastSeq).toBe(2);
		expect(await getResults(db, decks, code, instructorKey, full.lastSeq)).toEqual({
			full: false,
			assignment: full.assignment,
			since: 2,
			lastSeq: 2,
			submissions: [],
			questions: null,
			changes: []
		});
		// stu-1 tries again: the first attempt stops counting, so both come back.
		await submit(code, 'sub-s-000003', 'stu-1', [[mcq.id, choice(mcq.options[0]!)]]);
		const update = (await getResults(db, decks, code, instructorKey, 2)) as ResultsUpdate;
		expect(update).toMatchObject({ full: false, since: 2, lastSeq: 3 });
		expect(update.submissions.map((s) => [s.id, s.attempt, s.counts, s.seq])).toEqual([
			['sub-s-000001', 1, false, 1],
			['sub-s-000003', 2, true, 3]
		]);
		expect(update.questions![0]).toMatchObject({ answered: 3, right: 2, wrong: 1 });
		// An acceptance regrades stu-1's first attempt: it comes back with the change.
		const change = await acceptResponse(
			db,
			decks,
			code,
			instructorKey,
			{ cardId: mcq.id, response: choice(mcq.options[1]!) },
			clock
		);
		const regraded = (await getResults(db, decks, code, instructorKey, 3)) as ResultsUpdate;
		expect(regraded.lastSeq).toBe(4);
		expect(regraded.changes).toEqual([change]);
		expect(regraded.submissions.map((s) => [s.id, s.marks[0]])).toEqual([
			['sub-s-000001', 'right'],
			['sub-s-000003', 'right']
		]);
		expect(regraded.questions![0]).toMatchObject({ right: 3, wrong: 0 });
		// A since past the last change (a database restored from a backup) gets everything.
		expect(await getResults(db, decks, code, instructorKey, 99)).toMatchObject({
			full: true,
			lastSeq: 4
		});
	});

	it('streams the CSV page by page, attempts numbered across pages, finish times in the zone asked', async () => {
		const { code, instructorKey } = await newQuiz('best');
		// 7 submissions of 3 students, finished in another order than received.
		clock = NOW + 3_600_000;
		const finish = [5, 1, 6, 2, 7, 3, 4].map((m) => NOW + m * 60_000);
		for (const [i, at] of finish.entries())
			await submit(
				code,
				`sub-p-00000${i}`,
				`stu-${i % 3}`,
				[[mcq.id, choice(mcq.options[i % 2]!)]],
				at
			);
		const row = await db
			.selectFrom('assignments')
			.selectAll()
			.where('code', '=', code)
			.executeTakeFirstOrThrow();
		const pages = [];
		for await (const page of summaryPages(db, row, QUESTIONS, 3)) pages.push(page);
		expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
		const full = await getResults(db, decks, code, instructorKey);
		expect(pages.flat()).toEqual(full.submissions);
		const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
			await new Response(
				resultsCsvStream(summaryPages(db, row, QUESTIONS, 3), 3, 'Asia/Kolkata')
			).arrayBuffer()
		);
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe(
			'\uFEFFname,student number,score,passed,late,started at,finished at,duration seconds,attempt,counts,sent after due,finished (Asia/Kolkata),question 1,question 2,question 3'
		);
		expect(lines).toHaveLength(9);
		// 09:05 UTC is 14:35 in India (UTC+05:30); stu-0's third attempt by finish time, and of its
		// two best scores the earlier one (its second) counts.
		expect(lines[1]).toMatch(
			/,2025-05-05T09:05:00\.000Z,300,3,no,no,2025-05-05 14:35:00,right,blank,blank$/
		);
	});

	it('upgrades answers stored before the counts existed: keys added, counts backfilled', async () => {
		// A database at the version before this one, with a submission as it was stored then.
		const before = MIGRATIONS.findIndex((m) => m.name.startsWith('per-question answer counts'));
		await migratedUpTo(before);
		const { code, instructorKey } = await oldAssignment('QUZAAA2', 'quiz');
		const old = [
			{ cardId: typed.id, response: text('Lukoil'), correct: false, score: 0, given: 'Lukoil' },
			{
				cardId: mcq.id,
				response: choice(mcq.options[0]!),
				correct: true,
				score: 1,
				given: mcq.options[0]
			}
		];
		await db
			.insertInto('submissions')
			.values({
				assignment_code: code,
				id: 'sub-old-00001',
				student_id: 'stu-old',
				name: 'Old',
				student_number: null,
				answers: JSON.stringify(old),
				reviewed: '[]',
				score: 50,
				passed: 1,
				late: 0,
				correct: 1,
				total: 3,
				started_at: NOW,
				finished_at: NOW + 1,
				received_at: NOW + 2,
				attempt: 1,
				seq: 1,
				change_seq: 1
			})
			.execute();
		await migrate(db);
		const stored = await db.selectFrom('submissions').select('answers').executeTakeFirstOrThrow();
		expect((JSON.parse(stored.answers) as StoredAnswer[]).map((a) => a.key)).toEqual([
			responseKey(text('Lukoil')),
			responseKey(choice(mcq.options[0]!))
		]);
		const [m, , y] = (await getResults(db, decks, code, instructorKey)).questions;
		expect(m).toMatchObject({ right: 1, answered: 1 });
		expect(y).toMatchObject({ wrong: 1, wrongResponses: [{ given: 'Lukoil', count: 1 }] });
	});

	it("stores each submission's marks with it and rewrites them when an acceptance regrades", async () => {
		const { code, instructorKey } = await newQuiz();
		await submit(code, 'sub-m-000001', 'stu-m', [
			[mcq.id, choice(mcq.options[0]!)],
			[typed.id, text('Lukoil')]
		]);
		const marks = async () =>
			(await db.selectFrom('submissions').select('marks').executeTakeFirstOrThrow()).marks;
		// mcq right, the true/false question unanswered, the typed one wrong.
		expect(await marks()).toBe('rbw');
		const accept = { cardId: typed.id, response: text('Lukoil') };
		await acceptResponse(db, decks, code, instructorKey, accept, clock);
		expect(await marks()).toBe('rbr');
		expect((await getResults(db, decks, code, instructorKey)).submissions[0]!.marks).toEqual([
			'right',
			'blank',
			'right'
		]);
		await undoAcceptance(db, decks, code, instructorKey, accept, clock + 1);
		expect(await marks()).toBe('rbw');
		// A row written without marks (NULL) is read from its answers, as before version 8.
		await db.updateTable('submissions').set({ marks: null }).execute();
		expect((await getResults(db, decks, code, instructorKey)).submissions[0]!.marks).toEqual([
			'right',
			'blank',
			'wrong'
		]);
	});

	it('upgrades submissions stored before marks were: each filled in from its answers', async () => {
		// A database at version 7, with submissions as they were stored then (600: two pages).
		const before = MIGRATIONS.findIndex((m) => m.name === 'marks and submission counts stored');
		expect(before).toBe(7);
		await migratedUpTo(before);
		const { code, instructorKey } = await oldAssignment('QUZAAA3', 'quiz');
		const review = await oldAssignment('REVAAA3', 'review');
		const answer = (cardId: string, correct: boolean, blank = false) => ({
			cardId,
			response: text(blank ? '' : correct ? 'yes' : 'no'),
			correct,
			score: Number(correct),
			given: blank ? '' : 'x',
			key: blank ? '' : 'x',
			...(blank ? { blank: true } : {})
		});
		// Row i: mcq right when i is even, the true/false one blank when i % 3 is 0 (else
		// unanswered), the typed one wrong.
		const expected = (i: number) => `${i % 2 === 0 ? 'r' : 'w'}bw`;
		const row = (assignment_code: string, i: number, answers: unknown[]) => ({
			assignment_code,
			id: `sub-old-${String(i).padStart(5, '0')}`,
			student_id: `stu-old-${i}`,
			name: `Old ${i}`,
			student_number: null,
			answers: JSON.stringify(answers),
			reviewed: '[]',
			score: 0,
			passed: 0,
			late: 0,
			correct: 0,
			total: 3,
			started_at: NOW,
			finished_at: NOW + i,
			received_at: NOW + i,
			attempt: 1,
			seq: i + 1,
			change_seq: i + 1
		});
		const rows = Array.from({ length: 600 }, (_, i) =>
			row(code, i, [
				answer(mcq.id, i % 2 === 0),
				...(i % 3 === 0 ? [answer(tf.id, false, true)] : []),
				answer(typed.id, false)
			])
		);
		for (let i = 0; i < rows.length; i += 200)
			await db
				.insertInto('submissions')
				.values(rows.slice(i, i + 200))
				.execute();
		await db
			.insertInto('submissions')
			.values(row(review.code, 0, []))
			.execute();
		await migrate(db);
		const stored = await db
			.selectFrom('submissions')
			.select(['assignment_code', 'id', 'marks'])
			.orderBy('assignment_code')
			.orderBy('id')
			.execute();
		expect(stored.filter((r) => r.assignment_code === code).map((r) => r.marks)).toEqual(
			rows.map((_, i) => expected(i))
		);
		expect(stored.find((r) => r.assignment_code === review.code)?.marks).toBe('');
		const results = await getResults(db, decks, code, instructorKey);
		expect(results.submissions[1]!.marks).toEqual(['wrong', 'blank', 'wrong']);
		// The answer counts were not touched by the fill (its UPDATE leaves answers alone).
		expect(results.questions[0]).toMatchObject({ right: 300, wrong: 300 });
		// The submission counts: backfilled, then kept by the triggers on insert and delete.
		const count = async (c: string) =>
			Number(
				(
					await db
						.selectFrom('assignments')
						.select('submission_count')
						.where('code', '=', c)
						.executeTakeFirstOrThrow()
				).submission_count
			);
		expect([await count(code), await count(review.code)]).toEqual([600, 1]);
		expect(results.questions[1]).toMatchObject({ answered: 200, blank: 200, unanswered: 400 });
		await submit(code, 'sub-new-000001', 'stu-new', [[mcq.id, choice(mcq.options[0]!)]]);
		await db
			.deleteFrom('submissions')
			.where('id', 'in', ['sub-old-00000', 'sub-old-00001', 'sub-old-00002'])
			.execute();
		expect([await count(code), await count(review.code)]).toEqual([598, 0]);
		const after = await getResults(db, decks, code, instructorKey);
		expect(after.submissions.find((x) => x.id === 'sub-new-000001')!.marks).toEqual([
			'right',
			'blank',
			'blank'
		]);
		expect(after.questions[2]).toMatchObject({ answered: 597, unanswered: 1 });
	});
});

describe('query parameters', () => {
	it.each(['abc', '-1', '1.5', '', '9'.repeat(16)])('refuses since=%j naming it', (since) => {
		expect(() => parseSince(since)).toThrow(/^since: must be a whole number/);
	});
	it('reads since as a number, and its absence as everything', () => {
		expect(parseSince('42')).toBe(42);
		expect(parseSince(null)).toBeUndefined();
	});
	it.each(['Mars/Base', 'x'.repeat(65), 'Europe/Paris; DROP'])('refuses tz=%j naming it', (tz) => {
		expect(() => parseTimeZone(tz)).toThrow(/^tz: /);
	});
	it('takes an IANA zone, and UTC by default', () => {
		expect(parseTimeZone('Europe/Paris')).toBe('Europe/Paris');
		expect(parseTimeZone(null)).toBe('UTC');
		expect(parseTimeZone('')).toBe('UTC');
	});
});

describe.each(ENGINES)('the results routes on %s', (engine) => {
	serveFromTestPlace(engine);
	beforeEach(() => resetRateLimits());
	const get = (
		handler: (event: never) => Response | Promise<Response>,
		path: string,
		code: string,
		key: string
	) =>
		Promise.resolve(
			handler({
				request: new Request(`http://meridian.test${path}`, {
					headers: { authorization: `Bearer ${key}` }
				}),
				url: new URL(`http://meridian.test${path}`),
				params: { code },
				getClientAddress: () => '192.0.2.9'
			} as never)
		);

	it('answers ?since= and refuses a bad since or tz with 400 naming it', async () => {
		const { getDatabase } = await import('./db');
		db = await getDatabase();
		const { code, instructorKey } = await newQuiz();
		await submit(code, 'sub-route-0001', 'stu-route', [[mcq.id, choice(mcq.options[0]!)]]);
		const base = `/api/assignments/${code}`;
		const full = await (await get(resultsRoute, `${base}/results`, code, instructorKey)).json();
		expect(full).toMatchObject({ full: true, lastSeq: 1 });
		const poll = await get(resultsRoute, `${base}/results?since=1`, code, instructorKey);
		expect(await poll.json()).toMatchObject({ full: false, lastSeq: 1, submissions: [] });
		const bad = await get(resultsRoute, `${base}/results?since=yesterday`, code, instructorKey);
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toMatch(/^since: /);
		const zone = await get(csvRoute, `${base}/results.csv?tz=Nowhere/Town`, code, instructorKey);
		expect(zone.status).toBe(400);
		expect((await zone.json()).error).toMatch(/^tz: "Nowhere\/Town" is not a time zone/);
		const csv = await get(csvRoute, `${base}/results.csv?tz=America/New_York`, code, instructorKey);
		expect((await csv.text()).split('\r\n')[0]).toContain(',finished (America/New_York),');
	});
});
