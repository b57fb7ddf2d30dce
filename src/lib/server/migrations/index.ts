import { sql, type Kysely } from 'kysely';
import { answerStats } from './answer-stats';
import { storedMarks } from './marks';
import { storeSubmissionFunction } from './store-submission';
import { progressIndex } from './progress-index';

/** Which engine a migration runs on: the DDL differs where the engines do. */
export type Engine = 'sqlite' | 'postgres';

/**
 * One schema step. Append only: a shipped migration is never edited or reordered, because
 * databases in the field have already applied it (its version is its place in the list, 1-based).
 */
export interface Migration {
	name: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its own time
	up(db: Kysely<any>, engine: Engine): Promise<void>;
}

// Types both engines agree on: BIGINT for epoch ms and the seed (PostgreSQL's INTEGER is 32-bit),
// DOUBLE PRECISION (PostgreSQL's REAL is 4 bytes), INTEGER 0/1 flags, TEXT, no STRICT, no rowid.
// Versions 1 and 2 are the pre-Kysely schema written portably, so a SQLite database made by that
// version (its `migrations` table at 2) continues at 3.
export const MIGRATIONS: readonly Migration[] = [
	{
		name: 'assignments and submissions',
		async up(db) {
			await db.schema
				.createTable('assignments')
				.addColumn('code', 'text', (c) => c.primaryKey())
				.addColumn('title', 'text', (c) => c.notNull())
				.addColumn('deck_id', 'text', (c) => c.notNull())
				.addColumn('mode', 'text', (c) => c.notNull().check(sql`mode IN ('quiz', 'review')`))
				.addColumn('question_ids', 'text', (c) => c.notNull())
				.addColumn('seed', 'bigint')
				.addColumn('pass_mark', 'double precision', (c) => c.notNull())
				.addColumn('due_at', 'text', (c) => c.notNull())
				.addColumn('instructions', 'text', (c) => c.notNull())
				.addColumn('key_hash', 'text', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createTable('submissions')
				.addColumn('assignment_code', 'text', (c) => c.notNull().references('assignments.code'))
				.addColumn('id', 'text', (c) => c.notNull())
				.addColumn('student_id', 'text', (c) => c.notNull())
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('student_number', 'text')
				.addColumn('answers', 'text', (c) => c.notNull())
				.addColumn('reviewed', 'text', (c) => c.notNull())
				.addColumn('score', 'double precision')
				.addColumn('passed', 'integer')
				.addColumn('late', 'integer', (c) => c.notNull())
				.addColumn('correct', 'integer', (c) => c.notNull())
				.addColumn('total', 'integer', (c) => c.notNull())
				.addColumn('started_at', 'bigint', (c) => c.notNull())
				.addColumn('finished_at', 'bigint', (c) => c.notNull())
				.addColumn('received_at', 'bigint', (c) => c.notNull())
				.addColumn('attempt', 'integer', (c) => c.notNull())
				.addPrimaryKeyConstraint('submissions_pk', ['assignment_code', 'id'])
				.execute();
			await db.schema
				.createIndex('submissions_by_student')
				.on('submissions')
				.columns(['assignment_code', 'student_id'])
				.execute();
		}
	},
	{
		name: 'attempts policy, acceptances and their log',
		async up(db, engine) {
			await db.schema
				.alterTable('assignments')
				.addColumn('max_attempts', 'integer', (c) =>
					c.check(sql`max_attempts IS NULL OR max_attempts = 1`)
				)
				.execute();
			await db.schema
				.alterTable('assignments')
				.addColumn('counts', 'text', (c) =>
					c
						.notNull()
						.defaultTo('best')
						.check(sql`counts IN ('first', 'best', 'latest')`)
				)
				.execute();
			await db.schema
				.createTable('acceptances')
				.addColumn('assignment_code', 'text', (c) => c.notNull().references('assignments.code'))
				.addColumn('card_id', 'text', (c) => c.notNull())
				.addColumn('response_key', 'text', (c) => c.notNull())
				.addColumn('response', 'text', (c) => c.notNull())
				.addColumn('given', 'text', (c) => c.notNull())
				.addColumn('accepted_at', 'bigint', (c) => c.notNull())
				.addPrimaryKeyConstraint('acceptances_pk', ['assignment_code', 'card_id', 'response_key'])
				.execute();
			await db.schema
				.createTable('grading_changes')
				.addColumn('assignment_code', 'text', (c) => c.notNull().references('assignments.code'))
				.addColumn('at', 'bigint', (c) => c.notNull())
				.addColumn('action', 'text', (c) => c.notNull().check(sql`action IN ('accept', 'undo')`))
				.addColumn('card_id', 'text', (c) => c.notNull())
				.addColumn('given', 'text', (c) => c.notNull())
				.addColumn('changed', 'integer', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('grading_changes_by_assignment')
				.on('grading_changes')
				.columns(['assignment_code', 'at'])
				.execute();
			// Version 1 only ever ran on SQLite: a PostgreSQL database has no rows to rejudge here.
			if (engine === 'sqlite') {
				await sql`UPDATE submissions SET late = (
					MIN(finished_at, received_at) > (
						SELECT CAST(ROUND((julianday(a.due_at) - 2440587.5) * 86400000) AS INTEGER)
						FROM assignments a WHERE a.code = submissions.assignment_code
					)
				)`.execute(db);
			}
		}
	},
	{
		name: 'explicit ordering and a per-assignment change sequence',
		async up(db, engine) {
			// assignments.last_seq counts the writes to an assignment; each submission keeps the
			// number it was stored with (`seq`, the order received) and the number of its latest
			// change (`change_seq`, for `?since=`), each grading change its own `seq`.
			// SQLite's INTEGER is 64-bit, and the pre-Kysely tables are STRICT, which allow no BIGINT.
			const type = engine === 'sqlite' ? 'integer' : 'bigint';
			const add = (table: string, column: string) =>
				db.schema
					.alterTable(table)
					.addColumn(column, type, (c) => c.notNull().defaultTo(0))
					.execute();
			await add('assignments', 'last_seq');
			await add('submissions', 'seq');
			await add('submissions', 'change_seq');
			await add('grading_changes', 'seq');
			if (engine === 'sqlite') {
				// Rows made before this version were ordered by rowid: number them in that order once.
				await sql`UPDATE submissions SET seq = r.n, change_seq = r.n FROM (
					SELECT rowid AS rid, ROW_NUMBER() OVER (
						PARTITION BY assignment_code ORDER BY received_at, rowid) AS n FROM submissions
				) r WHERE submissions.rowid = r.rid`.execute(db);
				await sql`UPDATE grading_changes SET seq = r.n + (
					SELECT COUNT(*) FROM submissions s WHERE s.assignment_code = grading_changes.assignment_code
				) FROM (
					SELECT rowid AS rid, ROW_NUMBER() OVER (
						PARTITION BY assignment_code ORDER BY at, rowid) AS n FROM grading_changes
				) r WHERE grading_changes.rowid = r.rid`.execute(db);
				await sql`UPDATE assignments SET last_seq = MAX(
					(SELECT COUNT(*) FROM submissions s WHERE s.assignment_code = assignments.code),
					(SELECT COALESCE(MAX(seq), 0) FROM grading_changes g WHERE g.assignment_code = assignments.code)
				)`.execute(db);
			}
			await db.schema
				.createIndex('submissions_by_change')
				.on('submissions')
				.columns(['assignment_code', 'change_seq'])
				.execute();
		}
	},
	{
		// Device transfers (src/lib/server/transfers): ciphertext only, deleted once fetched; the
		// row stays without it until it expires, so a second fetch is told it was already used.
		name: 'device transfers',
		async up(db, engine) {
			await db.schema
				.createTable('transfers')
				.addColumn('id', 'text', (c) => c.primaryKey()) // 16 random bytes, base64url
				// sha256 hex of the fetch token (derived from the key; never the key)
				.addColumn('token_hash', 'text', (c) => c.notNull())
				.addColumn('ciphertext', engine === 'postgres' ? 'bytea' : 'blob') // NULL once fetched
				.addColumn('size', 'bigint', (c) => c.notNull()) // bytes still stored (0 once fetched)
				.addColumn('created_at', 'bigint', (c) => c.notNull()) // epoch ms
				.addColumn('expires_at', 'bigint', (c) => c.notNull())
				.addColumn('fetched_at', 'bigint')
				.execute();
			await db.schema
				.createIndex('transfers_by_expiry')
				.on('transfers')
				.column('expires_at')
				.execute();
		}
	},
	{
		// Rate limits shared by every process on PostgreSQL (src/lib/server/rate-limit.ts): one row
		// per limited action and client address, its fixed window's start and the hits in it.
		// UNLOGGED: no WAL, so cheap to update on every request; a crash empties it, which only
		// forgives the current minute. SQLite counts in each process's memory and has no table.
		name: 'shared rate limits',
		async up(db, engine) {
			if (engine !== 'postgres') return;
			await sql`CREATE UNLOGGED TABLE rate_limits (
				key TEXT PRIMARY KEY,
				window_start BIGINT NOT NULL,
				count INTEGER NOT NULL
			)`.execute(db);
			await db.schema
				.createIndex('rate_limits_by_window')
				.on('rate_limits')
				.column('window_start')
				.execute();
		}
	},
	{
		// Classes (src/lib/server/classes): a class with its key's hash, its roster, the students
		// who joined (each with their member key's hash), extensions of class assignments and the
		// review progress students send (the FSRS state predicted recall needs). Assignments gain
		// their class, a close time, a time limit and a shuffle flag; submissions an overtime flag.
		name: 'classes',
		async up(db, engine) {
			// Added to the pre-Kysely tables, which are STRICT on SQLite: only INTEGER and REAL there.
			const big = engine === 'sqlite' ? 'integer' : 'bigint';
			await db.schema
				.createTable('classes')
				.addColumn('code', 'text', (c) => c.primaryKey())
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('key_hash', 'text', (c) => c.notNull()) // sha256 hex of the class key
				.addColumn('created_at', 'bigint', (c) => c.notNull()) // epoch ms
				.addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0)) // counts its writes
				.execute();
			await db.schema
				.createTable('roster')
				.addColumn('class_code', 'text', (c) => c.notNull().references('classes.code'))
				.addColumn('id', 'text', (c) => c.notNull())
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('student_number', 'text')
				.addColumn('time_multiplier', 'double precision', (c) => c.notNull().defaultTo(1))
				.addColumn('position', 'integer', (c) => c.notNull()) // the order pasted
				.addColumn('created_at', 'bigint', (c) => c.notNull())
				.addPrimaryKeyConstraint('roster_pk', ['class_code', 'id'])
				.execute();
			await db.schema
				.createTable('members')
				.addColumn('class_code', 'text', (c) => c.notNull().references('classes.code'))
				.addColumn('student_id', 'text', (c) => c.notNull())
				.addColumn('key_hash', 'text', (c) => c.notNull()) // sha256 hex of the member key
				.addColumn('name', 'text', (c) => c.notNull())
				.addColumn('student_number', 'text')
				.addColumn('roster_id', 'text')
				.addColumn('status', 'text', (c) =>
					c.notNull().check(sql`status IN ('matched', 'pending', 'accepted')`)
				)
				.addColumn('joined_at', 'bigint', (c) => c.notNull())
				.addPrimaryKeyConstraint('members_pk', ['class_code', 'student_id'])
				.execute();
			// One member per roster entry.
			await db.schema
				.createIndex('members_by_roster')
				.on('members')
				.columns(['class_code', 'roster_id'])
				.unique()
				.where(sql.ref('roster_id'), 'is not', null)
				.execute();
			await db.schema.alterTable('assignments').addColumn('class_code', 'text').execute();
			await db.schema.alterTable('assignments').addColumn('closed_at', big).execute();
			await db.schema
				.alterTable('assignments')
				.addColumn('time_limit_minutes', 'integer')
				.execute();
			await db.schema
				.alterTable('assignments')
				.addColumn('shuffle', 'integer', (c) => c.notNull().defaultTo(0))
				.execute();
			await db.schema
				.createIndex('assignments_by_class')
				.on('assignments')
				.columns(['class_code', 'created_at'])
				.execute();
			// 1 when the attempt took longer than the student's time limit; NULL without a limit.
			await db.schema.alterTable('submissions').addColumn('overtime', 'integer').execute();
			await db.schema
				.createTable('extensions')
				.addColumn('assignment_code', 'text', (c) => c.notNull().references('assignments.code'))
				.addColumn('student_id', 'text', (c) => c.notNull())
				.addColumn('due_at', 'bigint', (c) => c.notNull()) // epoch ms
				.addPrimaryKeyConstraint('extensions_pk', ['assignment_code', 'student_id'])
				.execute();
			await db.schema
				.createTable('review_progress')
				.addColumn('assignment_code', 'text', (c) => c.notNull().references('assignments.code'))
				.addColumn('student_id', 'text', (c) => c.notNull())
				.addColumn('card_id', 'text', (c) => c.notNull())
				.addColumn('stability', 'double precision', (c) => c.notNull())
				.addColumn('difficulty', 'double precision', (c) => c.notNull())
				.addColumn('last_review', 'bigint') // epoch ms; NULL never reviewed
				.addColumn('reps', 'integer', (c) => c.notNull())
				.addColumn('lapses', 'integer', (c) => c.notNull())
				.addColumn('state', 'integer', (c) => c.notNull()) // ts-fsrs State 0-3
				.addColumn('updated_at', 'bigint', (c) => c.notNull())
				.addPrimaryKeyConstraint('review_progress_pk', ['assignment_code', 'student_id', 'card_id'])
				.execute();
		}
	},
	// Version 7: per-question counts kept by triggers (answer-stats.ts).
	answerStats,
	// Version 8: each submission's marks per question stored with it (marks.ts).
	storedMarks,
	// Version 9: the class dashboard's review-progress read from one index (progress-index.ts).
	progressIndex,
	// Version 10: a submission stored by one statement on PostgreSQL (store-submission.ts).
	storeSubmissionFunction
];
