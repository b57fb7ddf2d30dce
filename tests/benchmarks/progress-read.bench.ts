// The class dashboard's review-progress read alone, in-process, with and without migration 9's
// covering index, interleaved on the same seeded database (so the machine's load falls on both):
//   npx tsx tests/benchmarks/progress-read.bench.ts
//   npx tsx tests/benchmarks/with-postgres.ts npx tsx tests/benchmarks/progress-read.bench.ts
// Seeds 10 review assignments x 300 students x about 13 of 20 cards (40,000 rows, as
// class-dashboard-data.bench.ts does), then runs `progressSummarySql` over the 10 assignments
// ROUNDS times (default 15) with the index and ROUNDS times without it (dropped and made again
// between rounds), and prints the medians. DATABASE_URL=postgres://... runs on PostgreSQL (else a
// SQLite file in a temporary folder); PostgreSQL's table is vacuumed after seeding, as autovacuum
// would.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { progressSummarySql } from '../../src/lib/server/classes/dashboard';
import { migrate, openDatabase, type DatabaseConfig } from '../../src/lib/server/db';
import { percentile } from './harness';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'meridian-progress-bench-'));
const config: DatabaseConfig = process.env.DATABASE_URL
	? { engine: 'postgres', url: process.env.DATABASE_URL }
	: { engine: 'sqlite', path: join(dir, 'bench.sqlite') };
const db = await openDatabase(config);
try {
	await migrate(db);
	const now = Date.now();
	const codes = Array.from({ length: 10 }, (_, i) => `REV${String(i).padStart(4, '0')}`);
	for (const code of codes) {
		await db
			.insertInto('assignments')
			.values({
				code,
				title: code,
				deck_id: 'all',
				mode: 'review',
				question_ids: '[]',
				seed: 1,
				pass_mark: 0.7,
				due_at: new Date(now).toISOString(),
				instructions: '',
				key_hash: 'x'.repeat(64),
				created_at: new Date(now).toISOString(),
				max_attempts: null,
				counts: 'latest',
				last_seq: 0,
				class_code: null,
				closed_at: null,
				time_limit_minutes: null,
				shuffle: 0
			} as never)
			.execute();
		const rows = [];
		for (let s = 0; s < 300; s++)
			for (let c = 0; c < 20; c++) {
				if ((s + c) % 3 === 0) continue; // about two thirds of the cards
				rows.push({
					assignment_code: code,
					student_id: `student-${String(s).padStart(4, '0')}`,
					card_id: `card-${code}-${c}`,
					stability: 1 + ((s * 7 + c) % 40),
					difficulty: 5,
					last_review: now - ((s + c) % 30) * DAY,
					reps: 3,
					lapses: 0,
					state: 2,
					updated_at: now
				});
			}
		for (let i = 0; i < rows.length; i += 500)
			await db
				.insertInto('review_progress')
				.values(rows.slice(i, i + 500))
				.execute();
	}
	if (config.engine === 'postgres') await sql`VACUUM ANALYZE review_progress`.execute(db);
	else await sql`ANALYZE`.execute(db);
	const read = () => progressSummarySql(codes, now).execute(db);
	const time = async () => {
		const start = performance.now();
		await read();
		return performance.now() - start;
	};
	const withIndex: number[] = [];
	const without: number[] = [];
	for (let i = 0; i < 3; i++) await read(); // warm-up
	for (let round = 0; round < ROUNDS; round++) {
		withIndex.push(await time());
		await db.schema.dropIndex('review_progress_summary').execute();
		await read();
		without.push(await time());
		await db.schema
			.createIndex('review_progress_summary')
			.on('review_progress')
			.columns(['assignment_code', 'student_id', 'state', 'stability', 'last_review'])
			.execute();
		await read();
	}
	// Which way the engine reads it, with the index in place.
	const explain =
		config.engine === 'sqlite'
			? sql<Record<string, string>>`EXPLAIN QUERY PLAN ${progressSummarySql(codes, now)}`
			: sql<Record<string, string>>`EXPLAIN ${progressSummarySql(codes, now)}`;
	const steps = (await explain.execute(db)).rows.map((r) => r.detail ?? r['QUERY PLAN'] ?? '');
	console.log(`plan: ${steps.filter((l) => /SCAN|SEARCH|Scan/.test(l)).join(' | ')}`);
	const median = (xs: number[]) => percentile(xs, 50).toFixed(1);
	const rows = Number((await read()).rows.length);
	console.log(
		`${config.engine}: progress read over 10 assignments (${rows} groups) x ${ROUNDS}: ` +
			`median ${median(without)} ms without the index, ${median(withIndex)} ms with it; ` +
			`load average ${loadavg()
				.map((l) => l.toFixed(2))
				.join(' ')}`
	);
} finally {
	await db.destroy();
	rmSync(dir, { recursive: true, force: true });
}
