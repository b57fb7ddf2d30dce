import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAssignment, getResults, submitAssignment } from './assignments';
import { migrate, openDatabase, SCHEMA_VERSION, type DB } from './db';
import { getDecks } from './decks';
import { dropDatabase, ENGINES, freshDatabase, type TestPlace } from './testing/engines';

const { decks } = getDecks();
const SENT = Date.UTC(2025, 4, 5, 9, 10);

const newQuiz = (db: DB) =>
	createAssignment(
		db,
		decks,
		{
			title: 'Race quiz',
			deckId: 'risk-benefit',
			mode: 'quiz',
			questionCount: 3,
			passMark: 0.5,
			dueAt: '2025-05-09T17:00:00Z'
		},
		SENT
	);
const body = (id: string, studentId = 'student-race', finishedAt = SENT - 60_000) => ({
	id,
	studentId,
	name: 'Ana',
	answers: [],
	startedAt: finishedAt - 60_000,
	finishedAt
});
const rows = async (db: DB, text: string) =>
	(await sql.raw<Record<string, unknown>>(text).execute(db)).rows;

describe.each(ENGINES)('on %s', (engine) => {
	let place: TestPlace;
	let db: DB;
	beforeEach(async () => ({ place, db } = await freshDatabase(engine, { migrated: false })));
	afterEach(() => dropDatabase(db, place));

	it('stores one row for the same submission sent 30 times at once: one 201, the rest 200', async () => {
		await migrate(db);
		const { code } = await newQuiz(db);
		const sent = await Promise.allSettled(
			Array.from({ length: 30 }, () =>
				submitAssignment(db, decks, code, body('sub-race-0001'), SENT)
			)
		);
		expect(sent.filter((s) => s.status === 'rejected')).toEqual([]);
		const created = sent.map(
			(s) => (s as PromiseFulfilledResult<{ created: boolean }>).value.created
		);
		expect(created.filter(Boolean)).toHaveLength(1);
		expect(await rows(db, 'SELECT COUNT(*) AS n FROM submissions')).toEqual([{ n: 1 }]);
	});

	it('numbers 10 attempts of one student sent at once 1 to 10, with no gaps', async () => {
		await migrate(db);
		const { code, instructorKey } = await newQuiz(db);
		await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				submitAssignment(
					db,
					decks,
					code,
					body(`sub-race-${String(i).padStart(4, '0')}`, 'student-race', SENT - 600_000 + i * 1000),
					SENT
				)
			)
		);
		const stored = await rows(db, 'SELECT attempt FROM submissions ORDER BY attempt');
		expect(stored.map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		const { submissions } = await getResults(db, decks, code, instructorKey);
		expect(submissions.map((s) => s.attempt).sort((a, b) => a - b)).toEqual([
			1, 2, 3, 4, 5, 6, 7, 8, 9, 10
		]);
	});

	it('lets one of 5 attempts sent at once into a one-attempt quiz, refusing the rest with 409', async () => {
		await migrate(db);
		const { code } = await createAssignment(
			db,
			decks,
			{
				title: 'One try',
				deckId: 'risk-benefit',
				mode: 'quiz',
				questionCount: 3,
				passMark: 0.5,
				dueAt: '2025-05-09T17:00:00Z',
				maxAttempts: 1
			},
			SENT
		);
		const sent = await Promise.allSettled(
			Array.from({ length: 5 }, (_, i) =>
				submitAssignment(db, decks, code, body(`sub-once-000${i}`), SENT)
			)
		);
		expect(sent.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
		for (const s of sent.filter((s) => s.status === 'rejected'))
			expect(s.reason).toMatchObject({
				status: 409,
				message: expect.stringContaining('allows one attempt')
			});
		expect(await rows(db, 'SELECT attempt FROM submissions')).toEqual([{ attempt: 1 }]);
		// The refused attempts took no change number with them: the stored one has the last.
		const [{ seq }] = (await rows(db, 'SELECT seq FROM submissions')) as [{ seq: number }];
		expect(await rows(db, 'SELECT last_seq FROM assignments')).toEqual([{ last_seq: seq }]);
	});

	it('answers 200 to the same id sent 30 times at once into an assignment that is full after it', async () => {
		await migrate(db);
		const { code } = await newQuiz(db);
		process.env.MAX_SUBMISSIONS_PER_ASSIGNMENT = '1';
		try {
			const sent = await Promise.all(
				Array.from({ length: 30 }, () =>
					submitAssignment(db, decks, code, body('sub-full-0001'), SENT)
				)
			);
			expect(sent.filter((s) => s.created)).toHaveLength(1);
			await expect(
				submitAssignment(db, decks, code, body('sub-full-0002', 'student-other'), SENT)
			).rejects.toMatchObject({
				status: 409,
				message: expect.stringContaining('MAX_SUBMISSIONS_PER_ASSIGNMENT')
			});
		} finally {
			delete process.env.MAX_SUBMISSIONS_PER_ASSIGNMENT;
		}
		expect(await rows(db, 'SELECT COUNT(*) AS n FROM submissions')).toEqual([{ n: 1 }]);
	});

	it('refuses attempts and submissions over the caps with 409 naming the limit', async () => {
		await migrate(db);
		const { code } = await newQuiz(db);
		process.env.MAX_ATTEMPTS_PER_STUDENT = '2';
		process.env.MAX_SUBMISSIONS_PER_ASSIGNMENT = '3';
		try {
			await submitAssignment(db, decks, code, body('sub-cap-0001'), SENT);
			await submitAssignment(db, decks, code, body('sub-cap-0002'), SENT);
			await expect(submitAssignment(db, decks, code, body('sub-cap-0003'), SENT)).rejects.toThrow(
				expect.objectContaining({
					status: 409,
					message: expect.stringContaining('MAX_ATTEMPTS_PER_STUDENT')
				})
			);
			await submitAssignment(db, decks, code, body('sub-cap-0004', 'student-other'), SENT);
			await expect(
				submitAssignment(db, decks, code, body('sub-cap-0005', 'student-third'), SENT)
			).rejects.toThrow(
				expect.objectContaining({
					status: 409,
					message: expect.stringContaining('MAX_SUBMISSIONS_PER_ASSIGNMENT')
				})
			);
			// A retry of a stored id still gets its result.
			expect((await submitAssignment(db, decks, code, body('sub-cap-0001'), SENT)).created).toBe(
				false
			);
		} finally {
			delete process.env.MAX_ATTEMPTS_PER_STUDENT;
			delete process.env.MAX_SUBMISSIONS_PER_ASSIGNMENT;
		}
		expect(await rows(db, 'SELECT COUNT(*) AS n FROM submissions')).toEqual([{ n: 3 }]);
	});
});

describe('a SQLite database made by the pre-Kysely server (schema version 2)', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'meridian-fixture-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('upgrades in place, keeping every row, its order and its grades', async () => {
		const path = join(dir, 'v2.sqlite');
		copyFileSync(new URL('fixtures/schema-v2.sqlite', import.meta.url), path);
		const made = JSON.parse(
			readFileSync(new URL('fixtures/schema-v2.json', import.meta.url), 'utf8')
		) as { quiz: { code: string; instructorKey: string; typed: string } };
		const db = await openDatabase({ engine: 'sqlite', path });
		try {
			// Everything after the pre-Kysely schema's two migrations.
			expect(await migrate(db)).toEqual(
				Array.from({ length: SCHEMA_VERSION - 2 }, (_, i) => i + 3)
			);
			expect((await sql`PRAGMA synchronous`.execute(db)).rows).toEqual([{ synchronous: 2 }]);
			const results = await getResults(db, decks, made.quiz.code, made.quiz.instructorKey);
			expect(results.submissions.map((s) => [s.id, s.attempt, s.late])).toEqual([
				['sub-fixture-01', 1, false],
				['sub-fixture-02', 2, false],
				['sub-fixture-03', 1, false],
				['sub-fixture-04', 1, true]
			]);
			// The acceptance made before the upgrade still counts, for old and new submissions.
			expect(results.submissions.slice(0, 3).map((s) => s.correct)).toEqual([1, 0, 1]);
			expect(results.changes).toMatchObject([{ action: 'accept', changed: 2 }]);
			const fresh = await submitAssignment(
				db,
				decks,
				made.quiz.code,
				{
					...body('sub-after-upgrade', 'stu-fixture-9'),
					answers: [
						{ cardId: made.quiz.typed, response: { kind: 'text', text: 'ROSNEFT AND GAZPROM PLC' } }
					]
				},
				SENT
			);
			expect(fresh.result.correct).toBe(1);
			expect(
				await rows(
					db,
					`SELECT seq FROM submissions WHERE assignment_code = '${made.quiz.code}' ORDER BY seq`
				)
			).toHaveLength(5);
			expect(
				await rows(db, `SELECT last_seq FROM assignments WHERE code = '${made.quiz.code}'`)
			).toEqual([{ last_seq: 6 }]);
		} finally {
			await db.destroy();
		}
	});
});
