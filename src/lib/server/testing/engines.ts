// The server specs run once per engine: SQLite in a temporary file, PostgreSQL in a fresh schema
// of the cluster postgres-setup.ts started.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import {
	closeDatabase,
	migrate,
	openDatabase,
	type DatabaseConfig,
	type DB,
	type Engine
} from '../db';
import { MIGRATIONS } from '../migrations';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

/** A fresh, empty place for a database on `engine`, with the environment that names it. */
export interface TestPlace {
	engine: Engine;
	config: DatabaseConfig;
	env: { DATABASE_PATH?: string; DATABASE_URL?: string };
	/** Removes the place (the file or the schema). */
	drop(): Promise<void>;
}

export async function testPlace(engine: Engine): Promise<TestPlace> {
	if (engine === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'meridian-db-'));
		const path = join(dir, 'nested', 'test.sqlite');
		return {
			engine,
			config: { engine, path },
			env: { DATABASE_PATH: path },
			drop: async () => rmSync(dir, { recursive: true, force: true })
		};
	}
	const base = inject('postgresUrl');
	// Loud, never a skip: CI must run the PostgreSQL half.
	if (!base) throw new Error(inject('postgresProblem') || 'no PostgreSQL test cluster');
	const schema = `t_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: base });
	await admin.connect();
	await admin.query(`CREATE SCHEMA ${schema}`);
	await admin.end();
	const url = `${base}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
	return {
		engine,
		config: { engine, url },
		env: { DATABASE_URL: url },
		async drop() {
			const client = new pg.Client({ connectionString: base });
			await client.connect();
			await client.query(`DROP SCHEMA ${schema} CASCADE`);
			await client.end();
		}
	};
}

/** Points the server's environment (getDatabase) at `place`. */
export function useEnv(place: TestPlace): void {
	delete process.env.DATABASE_PATH;
	delete process.env.DATABASE_URL;
	Object.assign(process.env, place.env);
}

/** Opens a database at `place` (not migrated). */
export const openAt = (place: TestPlace, poolSize?: number): Promise<DB> =>
	openDatabase(place.config, { poolSize });

/**
 * A fresh place of `engine` and its database, open and migrated: fully, or with `upTo` only the
 * first `upTo` migrations, recorded as the release at that version recorded them (for upgrade
 * tests); `migrated: false` leaves it empty.
 */
export async function freshDatabase(
	engine: Engine,
	{ migrated = true, upTo }: { migrated?: boolean; upTo?: number } = {}
): Promise<{ place: TestPlace; db: DB }> {
	const place = await testPlace(engine);
	const db = await openAt(place);
	if (upTo !== undefined) {
		await sql`CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(
			db
		);
		for (const [i, m] of MIGRATIONS.slice(0, upTo).entries()) {
			await m.up(db, engine);
			await db
				.insertInto('migrations')
				.values({ version: i + 1, applied_at: 'then' })
				.execute();
		}
	} else if (migrated) await migrate(db);
	return { place, db };
}

/** Closes `db` and drops its place. */
export async function dropDatabase(db: DB, place: TestPlace): Promise<void> {
	await db.destroy();
	await place.drop();
}

/**
 * For a describe block calling the route handlers: points the server's database (getDatabase) at a
 * fresh place of `engine` before its tests and drops it after. Returns the place, once made.
 */
export function serveFromTestPlace(engine: Engine): () => TestPlace {
	let place: TestPlace | undefined;
	beforeAll(async () => {
		place = await testPlace(engine);
		useEnv(place);
		await closeDatabase();
	});
	afterAll(async () => {
		await closeDatabase();
		await place?.drop();
	});
	return () => place!;
}
