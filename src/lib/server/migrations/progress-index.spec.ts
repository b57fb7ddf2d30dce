// Migration 9: the class dashboard's review-progress read answered from one covering index, on
// both engines, and a database at version 8 upgrading in place with its progress kept.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { progressSummarySql } from '../classes/dashboard';
import { migrate, type DB } from '../db';
import { dropDatabase, ENGINES, freshDatabase, type TestPlace } from '../testing/engines';

const NOW = Date.UTC(2025, 4, 5, 9, 0);
const DAY = 86_400_000;

describe.each(ENGINES)('migration 9 (review progress index) on %s', (engine) => {
	let place: TestPlace;
	let db: DB;
	afterEach(() => dropDatabase(db, place));

	/** A database at version `version`, as one made by that release holds it. */
	async function databaseAt(version: number) {
		({ place, db } = await freshDatabase(engine, { upTo: version }));
	}

	/** A review assignment (as version 8 stores it) with `students` x `cards` progress rows. */
	async function seed(code: string, students: number, cards: number) {
		await db
			.insertInto('assignments')
			.values({
				code,
				title: 'Old review',
				deck_id: 'all',
				mode: 'review',
				question_ids: '[]',
				seed: 1,
				pass_mark: 0.7,
				due_at: '2025-05-09T17:00:00.000Z',
				instructions: '',
				key_hash: 'x'.repeat(64),
				created_at: new Date(NOW).toISOString(),
				max_attempts: null,
				counts: 'latest',
				last_seq: 0,
				class_code: null,
				closed_at: null,
				time_limit_minutes: null,
				shuffle: 0,
				submission_count: 0
			} as never)
			.execute();
		const rows = [];
		for (let s = 0; s < students; s++)
			for (let c = 0; c < cards; c++)
				rows.push({
					assignment_code: code,
					student_id: `stu-${String(s).padStart(4, '0')}`,
					card_id: `card-${c}`,
					stability: 1 + c,
					difficulty: 5,
					// Every third card never reviewed (state 0): not studied.
					last_review: c % 3 === 0 ? null : NOW - (c + 1) * DAY,
					reps: c % 3 === 0 ? 0 : 2,
					lapses: 0,
					state: c % 3 === 0 ? 0 : 2,
					updated_at: NOW
				});
		for (let i = 0; i < rows.length; i += 200)
			await db
				.insertInto('review_progress')
				.values(rows.slice(i, i + 200))
				.execute();
	}

	const summary = (codes: string[]) =>
		progressSummarySql(codes, NOW)
			.execute(db)
			.then((r) =>
				r.rows
					.map((row) => ({ ...row, studied: Number(row.studied), recall: Number(row.recall) }))
					.sort((a, b) => a.student_id.localeCompare(b.student_id))
			);

	/**
	 * How the engine reads the dashboard's progress: SQLite's plan; PostgreSQL's index definition
	 * (which index its planner picks depends on the visibility map autovacuum keeps, not
	 * deterministic in a test: the benchmark measures it).
	 */
	async function plan(codes: string[]): Promise<string> {
		if (engine === 'sqlite') {
			const query = progressSummarySql(codes, NOW);
			const rows = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${query}`.execute(db);
			return rows.rows.map((r) => r.detail).join('\n');
		}
		const rows = await sql<{ indexdef: string }>`SELECT indexdef FROM pg_indexes
			WHERE tablename = 'review_progress' AND schemaname = current_schema()`.execute(db);
		return rows.rows.map((r) => r.indexdef).join('\n');
	}

	it('upgrades a version-8 database in place: progress kept, the read answered from the index', async () => {
		await databaseAt(8);
		await seed('REVAAA9', 300, 15);
		const before = await summary(['REVAAA9']);
		const planBefore = await plan(['REVAAA9']);
		expect(planBefore).not.toContain('review_progress_summary');

		expect(await migrate(db)).toEqual([9, 10]);
		const { n } = await db
			.selectFrom('review_progress')
			.select(db.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(n)).toBe(4500);
		const after = await summary(['REVAAA9']);
		expect(after).toEqual(before);
		// 300 students, 10 of 15 cards studied each.
		expect(after).toHaveLength(300);
		expect(after.every((r) => r.studied === 10)).toBe(true);
		const planAfter = await plan(['REVAAA9']);
		if (engine === 'sqlite') {
			expect(planAfter).toMatch(/USING COVERING INDEX review_progress_summary/);
			// Grouped in the index's order: no sort step.
			expect(planAfter).not.toMatch(/TEMP B-TREE/);
		} else
			expect(planAfter).toMatch(
				/CREATE INDEX review_progress_summary ON \S*review_progress USING btree \(assignment_code, student_id, state, stability, last_review\)/
			);
		// Applied once: a second run changes nothing.
		expect(await migrate(db)).toEqual([]);
	});
});
