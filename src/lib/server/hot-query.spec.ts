import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hotQuery, writeTransaction, type DB } from './db';
import { dropDatabase, ENGINES, freshDatabase, type TestPlace } from './testing/engines';

// hotQuery (db.ts): a query built once, compiled once per engine, run with new arguments.

const byName = hotQuery(['name', 'least'], (db, a: { name: string; least: number }) =>
	db
		.selectFrom('t' as never)
		.select(['name', 'n'] as never)
		.where('name' as never, '=', a.name as never)
		.where('n' as never, '>=', a.least as never)
		.compile()
);
const insert = hotQuery(['name', 'n'], (db, row: { name: string; n: number }) =>
	db
		.insertInto('t' as never)
		.values(row as never)
		.compile()
);

describe.each(ENGINES)('on %s', (engine) => {
	let place: TestPlace;
	let db: DB;
	beforeEach(async () => {
		({ place, db } = await freshDatabase(engine, { migrated: false }));
		await sql`CREATE TABLE t (name TEXT PRIMARY KEY, n INTEGER NOT NULL)`.execute(db);
	});
	afterEach(() => dropDatabase(db, place));

	it('binds each run its own arguments, wherever the builder put them', async () => {
		await insert(db, { name: 'a', n: 1 });
		await insert(db, { n: 5, name: 'b' });
		expect(await byName(db, { name: 'a', least: 0 })).toEqual([{ name: 'a', n: 1 }]);
		expect(await byName(db, { name: 'b', least: 5 })).toEqual([{ name: 'b', n: 5 }]);
		expect(await byName(db, { name: 'b', least: 6 })).toEqual([]);
		expect(await byName(db, { name: "a' OR 1=1 --", least: 0 })).toEqual([]);
	});

	it('runs inside a write transaction: undone with it', async () => {
		await expect(
			writeTransaction(db, async (tx) => {
				await insert(tx, { name: 'gone', n: 1 });
				expect(await byName(tx, { name: 'gone', least: 0 })).toHaveLength(1);
				throw new Error('undo');
			})
		).rejects.toThrow('undo');
		expect(await byName(db, { name: 'gone', least: 0 })).toEqual([]);
	});
});

describe('hotQuery on SQLite', () => {
	let place: TestPlace;
	let db: DB;
	beforeEach(async () => {
		({ place, db } = await freshDatabase('sqlite', { migrated: false }));
		await sql`CREATE TABLE t (name TEXT PRIMARY KEY, n INTEGER NOT NULL)`.execute(db);
	});
	afterEach(() => dropDatabase(db, place));

	it('never reads what an open group commit has not committed yet', async () => {
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		let inserted!: () => void;
		const didInsert = new Promise<void>((r) => (inserted = r));
		const group = writeTransaction(db, async (tx) => {
			await insert(tx, { name: 'pending', n: 1 });
			inserted();
			await held;
		});
		await didInsert;
		// The group's transaction is open: the read waits for it instead of seeing its row.
		let read: unknown[] | undefined;
		const reading = Promise.resolve(byName(db, { name: 'pending', least: 0 })).then(
			(rows) => (read = rows)
		);
		await new Promise((r) => setTimeout(r, 20));
		expect(read).toBeUndefined();
		release();
		await group;
		await reading;
		expect(read).toEqual([{ name: 'pending', n: 1 }]);
	});

	it('refuses a builder that writes an argument into the SQL text', () => {
		const raw = hotQuery(['name'], (db, a: { name: string }) =>
			sql`SELECT ${sql.lit(a.name)} AS name`.compile(db)
		);
		expect(() => raw(db, { name: 'x' })).toThrow(/written into the SQL text/);
	});
});
