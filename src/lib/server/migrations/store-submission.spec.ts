// Migration 10: a submission stored by one statement on PostgreSQL (store_submission), nothing on
// SQLite; a database at version 9 upgrades in place, its submissions kept and numbered on.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createAssignment, getResults, submitAssignment } from '../assignments';
import { migrate, type DB } from '../db';
import { getDecks } from '../decks';
import { dropDatabase, ENGINES, freshDatabase, type TestPlace } from '../testing/engines';

const { decks } = getDecks();
const NOW = Date.UTC(2025, 4, 5, 9, 0);
const body = (id: string) => ({
	id,
	studentId: 'stu-upgrade-1',
	name: 'Ana',
	answers: [],
	startedAt: NOW - 120_000,
	finishedAt: NOW - 60_000
});

describe.each(ENGINES)('migration 10 (submissions stored by one statement) on %s', (engine) => {
	let place: TestPlace;
	let db: DB;
	afterEach(() => dropDatabase(db, place));

	const functions = async () =>
		engine === 'postgres'
			? (
					await sql<{ proname: string }>`SELECT proname FROM pg_proc p
						JOIN pg_namespace n ON n.oid = p.pronamespace
						WHERE n.nspname = current_schema() AND proname = 'store_submission'`.execute(db)
				).rows.map((r) => r.proname)
			: [];

	it('upgrades a version-9 database in place: its submissions kept, the next numbered on', async () => {
		({ place, db } = await freshDatabase(engine, { upTo: 9 }));
		const { code, instructorKey } = await createAssignment(
			db,
			decks,
			{
				title: 'Before 10',
				deckId: 'risk-benefit',
				mode: 'quiz',
				questionCount: 3,
				passMark: 0.5,
				dueAt: '2025-05-09T17:00:00Z'
			},
			NOW
		);
		// Stored as version 9 stored it: the statements of the write transaction.
		await db
			.insertInto('submissions')
			.values({
				assignment_code: code,
				id: 'sub-before-10',
				student_id: 'stu-upgrade-1',
				name: 'Ana',
				student_number: null,
				answers: '[]',
				marks: 'www',
				reviewed: '[]',
				score: 0,
				passed: 0,
				late: 0,
				correct: 0,
				total: 3,
				started_at: NOW - 240_000,
				finished_at: NOW - 180_000,
				received_at: NOW,
				attempt: 1,
				seq: 1,
				change_seq: 1,
				overtime: null
			})
			.execute();
		await db.updateTable('assignments').set({ last_seq: 1 }).where('code', '=', code).execute();
		expect(await functions()).toEqual([]);

		expect(await migrate(db)).toEqual([10]);
		expect(await functions()).toEqual(engine === 'postgres' ? ['store_submission'] : []);
		const sent = await submitAssignment(db, decks, code, body('sub-after-10'), NOW);
		expect(sent.created).toBe(true);
		// A retry of the row stored before the upgrade gets its result back.
		const retry = await submitAssignment(db, decks, code, body('sub-before-10'), NOW);
		expect(retry).toMatchObject({ created: false, result: { id: 'sub-before-10', score: 0 } });
		const stored = await db
			.selectFrom('submissions')
			.select(['id', 'attempt', 'seq', 'change_seq'])
			.orderBy('seq')
			.execute();
		expect(stored).toEqual([
			{ id: 'sub-before-10', attempt: 1, seq: 1, change_seq: 1 },
			{ id: 'sub-after-10', attempt: 2, seq: 2, change_seq: 2 }
		]);
		const results = await getResults(db, decks, code, instructorKey);
		expect(results.submissions.map((s) => [s.id, s.attempt])).toEqual([
			['sub-before-10', 1],
			['sub-after-10', 2]
		]);
		// Applied once: a second run changes nothing.
		expect(await migrate(db)).toEqual([]);
	});
});
