import Database from 'better-sqlite3';
import {
	Kysely,
	PostgresDialect,
	sql,
	SqliteDialect,
	type CompiledQuery,
	type Transaction
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { MIGRATIONS, type Engine } from './migrations';

export type { Engine } from './migrations';

/** The tables as the service reads and writes them (the same on both engines). */
export interface Schema {
	assignments: {
		code: string;
		title: string;
		deck_id: string;
		mode: 'quiz' | 'review';
		question_ids: string;
		seed: number | null;
		pass_mark: number;
		due_at: string;
		instructions: string;
		key_hash: string;
		created_at: string;
		max_attempts: 1 | null;
		counts: 'first' | 'best' | 'latest';
		last_seq: number;
		/** Migration 8: how many submissions it holds, kept by triggers on `submissions`. */
		submission_count: number;
		// Migration 6 (classes):
		class_code: string | null;
		closed_at: number | null;
		time_limit_minutes: number | null;
		shuffle: number;
	};
	submissions: {
		assignment_code: string;
		id: string;
		student_id: string;
		name: string;
		student_number: string | null;
		answers: string;
		reviewed: string;
		score: number | null;
		passed: number | null;
		late: number;
		correct: number;
		total: number;
		started_at: number;
		finished_at: number;
		received_at: number;
		attempt: number;
		seq: number;
		change_seq: number;
		/** Migration 6: 1 past the student's time limit, 0 within it, NULL without a limit. */
		overtime: number | null;
		/**
		 * Migration 8: one letter per question in `question_ids` order, `r` right, `w` wrong, `b`
		 * blank or unanswered ('' for a review); NULL for a row written without it (read from
		 * `answers` then). See migrations/marks.ts.
		 */
		marks: string | null;
	};
	acceptances: {
		assignment_code: string;
		card_id: string;
		response_key: string;
		response: string;
		given: string;
		accepted_at: number;
	};
	grading_changes: {
		assignment_code: string;
		at: number;
		action: 'accept' | 'undo';
		card_id: string;
		given: string;
		changed: number;
		seq: number;
	};
	transfers: {
		id: string;
		token_hash: string;
		ciphertext: Uint8Array | null;
		size: number;
		created_at: number;
		expires_at: number;
		fetched_at: number | null;
	};
	classes: { code: string; name: string; key_hash: string; created_at: number; last_seq: number };
	roster: {
		class_code: string;
		id: string;
		name: string;
		student_number: string | null;
		time_multiplier: number;
		position: number;
		created_at: number;
	};
	members: {
		class_code: string;
		student_id: string;
		key_hash: string;
		name: string;
		student_number: string | null;
		roster_id: string | null;
		status: 'matched' | 'pending' | 'accepted';
		joined_at: number;
	};
	extensions: { assignment_code: string; student_id: string; due_at: number };
	review_progress: {
		assignment_code: string;
		student_id: string;
		card_id: string;
		stability: number;
		difficulty: number;
		last_review: number | null;
		reps: number;
		lapses: number;
		state: number;
		updated_at: number;
	};
	/** PostgreSQL only (migration "shared rate limits"). */
	rate_limits: { key: string; window_start: number; count: number };
	migrations: { version: number; applied_at: string };
}

/** The database: Kysely over better-sqlite3 or pg. Service code takes this or a transaction. */
/** A submission's graded attempt as every reader of submissions selects it. */
export type AttemptColumns = Pick<
	Schema['submissions'],
	| 'id'
	| 'score'
	| 'passed'
	| 'late'
	| 'correct'
	| 'total'
	| 'started_at'
	| 'finished_at'
	| 'received_at'
	| 'seq'
>;

export type DB = Kysely<Schema>;
export type Tx = Transaction<Schema>;

/** The schema version a fresh database ends at. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Where the database is: a SQLite file (or `:memory:`) or a PostgreSQL URL. */
export type DatabaseConfig =
	{ engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

/** A database that cannot be opened; its message is one line naming the setting and the cause. */
export class DatabaseConfigError extends Error {
	override name = 'DatabaseConfigError';
}

/** `DATABASE_URL` (postgres://...) when set, else `DATABASE_PATH`, default ./data/meridian.sqlite. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
	const url = env.DATABASE_URL;
	if (url) {
		if (!/^postgres(ql)?:\/\//.test(url))
			throw new DatabaseConfigError(
				`DATABASE_URL: expected postgres://user@host:port/database, got "${url.slice(0, 40)}"`
			);
		return { engine: 'postgres', url };
	}
	return { engine: 'sqlite', path: env.DATABASE_PATH || './data/meridian.sqlite' };
}

const engines = new WeakMap<object, Engine>();

/** Per SQLite database (by its adapter, shared by its transactions): the file, statements prepared once. */
const sqliteFiles = new WeakMap<
	object,
	{ file: Database.Database; statements: ReturnType<typeof preparedOnce> }
>();

/** The engine behind a database or one of its transactions. */
export function engineOf(db: Kysely<Schema>): Engine {
	const engine = engines.get(db.getExecutor().adapter);
	if (!engine) throw new Error('not a database opened by openDatabase()');
	return engine;
}

/** The argument `name` of a {@link hotQuery} while it is compiled: a text no caller sends. */
const marker = (name: string) => `\u0000hot-query-argument:${name}\u0000`;

/** The connections of SQLite group commits: their works run inside its open transaction. */
const groupConnections = new WeakSet<Kysely<Schema>>();

/**
 * A query of the hot paths (a submission, the shared rate limit), defined once with Kysely and
 * compiled once per engine: `build` is called with a marker in the place of each argument named
 * in `names`, and each run binds the arguments where the markers are. Kysely's building and
 * compiling, about a third of its cost per query, is then paid once, not per request.
 *
 * On SQLite the prepared statement runs at once, without Kysely's executor and its promises: on
 * the connection of a group commit (whose works hold the connection), or when no transaction is
 * open on the file (a read then sees only what was committed, as through Kysely). While another
 * transaction is open it goes through Kysely, which waits for the connection, so a read never
 * sees another transaction's uncommitted rows. (The server streams no query on SQLite: while a
 * Kysely stream iterated, better-sqlite3 would refuse any other statement on the file, so a stream
 * would need this check too.) On PostgreSQL it runs through Kysely's executor.
 */
export function hotQuery<P extends Record<string, unknown>, R>(
	names: readonly (keyof P & string)[],
	build: (db: Kysely<Schema>, args: P) => CompiledQuery<R>
): (db: Kysely<Schema>, args: P) => R[] | Promise<R[]> {
	const compiled = new Map<Engine, { query: CompiledQuery<R>; slots: (string | null)[] }>();
	const byMarker = new Map(names.map((name) => [marker(name), name]));
	const compile = (db: Kysely<Schema>, engine: Engine) => {
		let entry = compiled.get(engine);
		if (entry) return entry;
		const query = build(db, Object.fromEntries(names.map((n) => [n, marker(n)])) as P);
		if ([...byMarker.keys()].some((m) => query.sql.includes(m)))
			throw new Error(`hotQuery: an argument is written into the SQL text: ${query.sql}`);
		const slots = query.parameters.map((p) =>
			typeof p === 'string' ? (byMarker.get(p) ?? null) : null
		);
		compiled.set(engine, (entry = { query, slots }));
		return entry;
	};
	return (db, args) => {
		const { query, slots } = compile(db, engineOf(db));
		const parameters = query.parameters.map((p, i) => {
			const slot = slots[i];
			return slot === null || slot === undefined ? p : args[slot];
		});
		const sqlite = sqliteFiles.get(db.getExecutor().adapter);
		if (sqlite && (groupConnections.has(db) || !sqlite.file.inTransaction)) {
			const statement = sqlite.statements.prepare(query.sql);
			if (statement.reader) return statement.all(parameters) as R[];
			statement.run(parameters);
			return [];
		}
		return db.executeQuery<R>({ ...query, parameters }).then((result) => result.rows);
	};
}

// BIGINT (int8, also COUNT(*)) and NUMERIC (SUM of BIGINT) come back from pg as strings: every
// value this schema stores fits a double exactly (epoch ms, seeds below 2^32, counts).
const PG_TYPES = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === 20 || oid === 1700) return (value: string) => Number(value);
		return pg.types.getTypeParser(oid, format);
	}
} as pg.CustomTypesConfig;

/** How many prepared statements a SQLite database keeps (distinct SQL texts, least recent out). */
export const STATEMENT_CACHE_SIZE = 200;

/**
 * The SQLite file as Kysely's driver sees it, with each SQL text prepared once and reused. The
 * driver prepares every query it runs, and preparing an INSERT into `submissions` compiles its
 * triggers (answer counts, submission count): about a fifth of the server's CPU per submission
 * before this cache. A statement still iterating (a stream) is never handed out twice: a second
 * user of the same text gets a fresh one.
 */
export function preparedOnce(file: Database.Database) {
	const cache = new Map<string, Database.Statement>();
	return {
		close: () => file.close(),
		prepare(text: string): Database.Statement {
			const cached = cache.get(text);
			if (cached && !cached.busy) {
				// Most recently used last, so the first key is the one to drop.
				cache.delete(text);
				cache.set(text, cached);
				return cached;
			}
			const statement = file.prepare(text);
			if (!cached) {
				cache.set(text, statement);
				if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
			}
			return statement;
		}
	};
}

/**
 * Opens a database without migrating it; {@link migrate} brings its schema up to date. A file that
 * cannot be opened or a server that cannot be reached is a {@link DatabaseConfigError}.
 */
export async function openDatabase(config: DatabaseConfig, options: { poolSize?: number } = {}) {
	let db: DB;
	if (config.engine === 'sqlite') {
		const where = `DATABASE_PATH "${config.path}"`;
		let file: Database.Database;
		try {
			if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
			file = new Database(config.path);
			file.pragma('journal_mode = WAL');
			file.pragma('synchronous = FULL');
			file.pragma('foreign_keys = ON');
			file.pragma('busy_timeout = 5000');
		} catch (e) {
			throw new DatabaseConfigError(`${where}: ${(e as Error).message}`);
		}
		if (file.pragma('synchronous', { simple: true }) !== 2)
			throw new DatabaseConfigError(`${where}: synchronous = FULL could not be set`);
		const statements = preparedOnce(file);
		db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: statements }) });
		sqliteFiles.set(db.getExecutor().adapter, { file, statements });
	} else {
		const pool = new pg.Pool({
			connectionString: config.url,
			max: options.poolSize ?? 10,
			types: PG_TYPES,
			connectionTimeoutMillis: 10_000
		});
		db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
		try {
			await sql`SELECT 1`.execute(db);
		} catch (e) {
			await db.destroy();
			const safe = config.url.replace(/\/\/[^@/]*@/, '//***@');
			throw new DatabaseConfigError(`DATABASE_URL "${safe}": ${(e as Error).message}`);
		}
	}
	engines.set(db.getExecutor().adapter, config.engine);
	return db;
}

/** The migration lock's key on PostgreSQL (advisory locks are per database). */
const MIGRATION_LOCK = 4_202_015;

/**
 * Applies the pending migrations once, under a lock, each recorded in `migrations`: on PostgreSQL
 * a session advisory lock around them, each in its own transaction; on SQLite one write
 * transaction (BEGIN IMMEDIATE) around them all. Any number of processes may call this at once.
 * Returns the versions it applied.
 */
export async function migrate(db: DB): Promise<number[]> {
	const engine = engineOf(db);
	return db.connection().execute(async (conn) => {
		const applied: number[] = [];
		const pending = async (tx: Kysely<Schema>) => {
			await sql`CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(
				tx
			);
			const row = await tx
				.selectFrom('migrations')
				.select((eb) => eb.fn.max('version').as('version'))
				.executeTakeFirst();
			return Number(row?.version ?? 0);
		};
		const record = (tx: Kysely<Schema>, version: number) =>
			tx
				.insertInto('migrations')
				.values({ version, applied_at: new Date().toISOString() })
				.execute();
		if (engine === 'postgres') {
			await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
			try {
				const current = await pending(conn);
				for (const [index, migration] of MIGRATIONS.entries()) {
					const version = index + 1;
					if (version <= current) continue;
					await conn.transaction().execute(async (tx) => {
						await migration.up(tx, engine);
						await record(tx, version);
					});
					applied.push(version);
				}
			} finally {
				await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
			}
		} else {
			await sql`BEGIN IMMEDIATE`.execute(conn);
			try {
				const current = await pending(conn);
				for (const [index, migration] of MIGRATIONS.entries()) {
					const version = index + 1;
					if (version <= current) continue;
					await migration.up(conn, engine);
					await record(conn, version);
					applied.push(version);
				}
				await sql`COMMIT`.execute(conn);
			} catch (e) {
				await sql`ROLLBACK`.execute(conn);
				throw e;
			}
		}
		return applied;
	});
}

/**
 * Runs `work` in one write transaction: on PostgreSQL a READ COMMITTED transaction of its own
 * (writers to one assignment queue on its row, see `nextSeq`); on SQLite a part of the next
 * group commit ({@link groupCommit}). Either way `work`'s writes are on disk, or undone, before
 * the promise settles, and a `work` that throws leaves nothing behind.
 */
export async function writeTransaction<T>(db: DB, work: (tx: Kysely<Schema>) => Promise<T>) {
	if (engineOf(db) === 'postgres') return db.transaction().execute(work);
	return groupCommit(db, work);
}

interface Waiting {
	work: (tx: Kysely<Schema>) => Promise<unknown>;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

/** Per SQLite database: the works waiting for the next group, and whether a group is due. */
const groups = new WeakMap<DB, { waiting: Waiting[]; due: boolean }>();

/** How many works one group commit takes at most (the rest go into the next). */
export const GROUP_COMMIT_MAX = 64;

/**
 * SQLite's group commit. With `synchronous = FULL` every COMMIT waits for an fsync of the WAL
 * (about 3.5 ms on this machine's disk, blocking the process), so one commit per submission
 * caps a server at a few hundred a second. Instead, the works that arrive while the process is
 * busy are run in the next write transaction together (BEGIN IMMEDIATE: the write lock first,
 * so several processes never deadlock), each in its own SAVEPOINT: a work that throws is rolled
 * back to its savepoint and rejects alone, the others still commit. One COMMIT, one fsync, then
 * every work's promise settles: none resolves before its writes are on disk. If the transaction
 * itself fails (BEGIN, COMMIT, or an error such as SQLITE_FULL that ends it), every work of the
 * group rejects with that error and nothing of the group is stored.
 */
function groupCommit<T>(db: DB, work: (tx: Kysely<Schema>) => Promise<T>): Promise<T> {
	let group = groups.get(db);
	if (!group) groups.set(db, (group = { waiting: [], due: false }));
	const queued = group;
	return new Promise<T>((resolve, reject) => {
		queued.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
		if (!queued.due) {
			queued.due = true;
			// After the I/O callbacks of this turn of the event loop: every request read in this
			// turn has queued its work by then.
			setImmediate(() => void runGroups(db, queued));
		}
	});
}

async function runGroups(db: DB, group: { waiting: Waiting[]; due: boolean }) {
	while (group.waiting.length > 0) await runGroup(db, group.waiting.splice(0, GROUP_COMMIT_MAX));
	group.due = false;
}

async function runGroup(db: DB, works: Waiting[]) {
	const done: { value: unknown; error?: unknown; failed: boolean }[] = [];
	try {
		await db.connection().execute(async (conn) => {
			// The group's own statements straight on the file: the connection is this group's.
			const { statements } = sqliteFiles.get(db.getExecutor().adapter)!;
			const run = (text: string) => void statements.prepare(text).run();
			groupConnections.add(conn);
			run('BEGIN IMMEDIATE');
			try {
				for (const { work } of works) {
					run('SAVEPOINT work');
					try {
						const value = await work(conn);
						run('RELEASE work');
						done.push({ value, failed: false });
					} catch (error) {
						// If the error ended the transaction (SQLITE_FULL may), this fails and the
						// whole group fails with the first error.
						try {
							run('ROLLBACK TO work');
						} catch {
							throw error;
						}
						run('RELEASE work');
						done.push({ value: undefined, error, failed: true });
					}
				}
				run('COMMIT');
			} catch (e) {
				// Some errors (SQLITE_FULL among them) have rolled the transaction back already: then
				// ROLLBACK fails too, and the error to report is still the first one.
				try {
					run('ROLLBACK');
				} catch {
					// already rolled back
				}
				throw e;
			} finally {
				groupConnections.delete(conn);
			}
		});
	} catch (error) {
		for (const { reject } of works) reject(error);
		return;
	}
	works.forEach(({ resolve, reject }, i) => {
		const outcome = done[i]!;
		if (outcome.failed) reject(outcome.error);
		else resolve(outcome.value);
	});
}

/** Opens the database the environment names ({@link databaseConfigFromEnv}), without migrating. */
export function openDatabaseFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<DB> {
	return openDatabase(databaseConfigFromEnv(env));
}

let shared: Promise<DB> | undefined;

/** The server's database, from the environment, opened and migrated on first use. */
export function getDatabase(): Promise<DB> {
	shared ??= openDatabaseFromEnv().then(async (db) => {
		await migrate(db);
		return db;
	});
	shared.catch(() => (shared = undefined));
	return shared;
}

/** Closes the server's database (tests switch engines with this). */
export async function closeDatabase(): Promise<void> {
	const db = shared;
	shared = undefined;
	if (db) await (await db.catch(() => undefined))?.destroy();
}

/**
 * Opens and migrates the server's database at start; a bad DATABASE_PATH or DATABASE_URL stops
 * the process with one line naming it and the cause, not a stack trace.
 */
export async function startDatabase(): Promise<void> {
	try {
		await getDatabase();
	} catch (e) {
		if (!(e instanceof DatabaseConfigError)) throw e;
		console.error(`Meridian cannot start: ${e.message}`);
		process.exit(1);
	}
}
