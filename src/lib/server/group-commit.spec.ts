import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	GROUP_COMMIT_MAX,
	openDatabase,
	preparedOnce,
	STATEMENT_CACHE_SIZE,
	writeTransaction,
	type DB
} from './db';

// SQLite's write transactions (db.ts): the works that arrive together share one commit, each in
// its own savepoint; and every SQL text is prepared once.

let dir: string;
let db: DB;
/** A second connection to the same file: it sees only what is committed. */
let other: Database.Database;

const names = () =>
	other
		.prepare('SELECT name FROM t ORDER BY name')
		.all()
		.map((r) => (r as { name: string }).name);
const insert = (name: string) => (tx: DB) =>
	tx
		.insertInto('t' as never)
		.values({ name } as never)
		.execute();

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'meridian-group-'));
	const path = join(dir, 'g.sqlite');
	db = await openDatabase({ engine: 'sqlite', path });
	await sql`CREATE TABLE t (name TEXT PRIMARY KEY)`.execute(db);
	other = new Database(path);
});
afterEach(async () => {
	other.close();
	await db.destroy();
	rmSync(dir, { recursive: true, force: true });
});

describe('group commit on SQLite', () => {
	it('runs works that arrive together in one transaction, settling each after the commit', async () => {
		const seenByOther: string[][] = [];
		const works = ['a', 'b', 'c'].map((name) =>
			writeTransaction(db, async (tx) => {
				// Uncommitted until the whole group commits: another connection sees none of it.
				seenByOther.push(names());
				await insert(name)(tx);
				return name;
			})
		);
		expect(await Promise.all(works)).toEqual(['a', 'b', 'c']);
		expect(seenByOther).toEqual([[], [], []]);
		expect(names()).toEqual(['a', 'b', 'c']);
	});

	it('undoes only the work that throws; the others of its group are stored', async () => {
		const refused = new Error('refused');
		const sent = await Promise.allSettled([
			writeTransaction(db, insert('a')),
			writeTransaction(db, async (tx) => {
				await insert('b')(tx);
				throw refused;
			}),
			writeTransaction(db, insert('c'))
		]);
		expect(sent.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((sent[1] as PromiseRejectedResult).reason).toBe(refused);
		expect(names()).toEqual(['a', 'c']);
	});

	it('fails the whole group, storing none of it, when an error ends the transaction', async () => {
		const sent = await Promise.allSettled([
			writeTransaction(db, insert('a')),
			writeTransaction(db, async (tx) => {
				// As SQLITE_FULL may: the transaction is gone, so its savepoint is too.
				await sql`ROLLBACK`.execute(tx);
				throw new Error('disk full');
			}),
			writeTransaction(db, insert('c'))
		]);
		expect(sent.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
		for (const s of sent) expect((s as PromiseRejectedResult).reason.message).toBe('disk full');
		expect(names()).toEqual([]);
		// And the next works are stored as usual.
		await writeTransaction(db, insert('d'));
		expect(names()).toEqual(['d']);
	});

	it(`takes at most ${GROUP_COMMIT_MAX} works per transaction, the rest in the next`, async () => {
		const transactions = new Set<number>();
		await Promise.all(
			Array.from({ length: GROUP_COMMIT_MAX + 1 }, (_, i) =>
				writeTransaction(db, async (tx) => {
					await insert(`w${i}`)(tx);
					// What this work sees committed by another connection tells its group apart.
					transactions.add(names().length);
				})
			)
		);
		expect([...transactions]).toEqual([0, GROUP_COMMIT_MAX]);
		expect(names()).toHaveLength(GROUP_COMMIT_MAX + 1);
	});

	it('runs a work that arrives during a commit in the next one', async () => {
		let second: Promise<void> | undefined;
		await writeTransaction(db, async (tx) => {
			await insert('a')(tx);
			second = writeTransaction(db, async (tx) => {
				expect(names()).toEqual(['a']);
				await insert('b')(tx);
			});
		});
		expect(names()).toEqual(['a']);
		await second;
		expect(names()).toEqual(['a', 'b']);
	});
});

describe('preparedOnce', () => {
	let file: Database.Database;
	beforeEach(() => {
		file = new Database(':memory:');
		file.exec('CREATE TABLE n (v INTEGER)');
		file.exec('INSERT INTO n VALUES (1), (2), (3)');
	});
	afterEach(() => file.close());

	it('prepares each SQL text once', () => {
		const cache = preparedOnce(file);
		const first = cache.prepare('SELECT v FROM n');
		expect(cache.prepare('SELECT v FROM n')).toBe(first);
		expect(cache.prepare('SELECT v FROM n WHERE v > 1')).not.toBe(first);
	});

	it('never hands out a statement that is still iterating', () => {
		const cache = preparedOnce(file);
		const streaming = cache.prepare('SELECT v FROM n');
		const seen: number[] = [];
		for (const row of streaming.iterate() as Iterable<{ v: number }>) {
			seen.push(row.v);
			// A second reader of the same text while the first is still reading.
			const inner = cache.prepare('SELECT v FROM n');
			expect(inner).not.toBe(streaming);
			expect(inner.all()).toHaveLength(3);
		}
		expect(seen).toEqual([1, 2, 3]);
	});

	it(`keeps the ${STATEMENT_CACHE_SIZE} texts used most recently`, () => {
		const cache = preparedOnce(file);
		const zero = cache.prepare('SELECT 0');
		const one = cache.prepare('SELECT 1');
		for (let i = 2; i < STATEMENT_CACHE_SIZE; i++) cache.prepare(`SELECT ${i}`);
		// Used again: now `SELECT 1` is the least recently used.
		expect(cache.prepare('SELECT 0')).toBe(zero);
		cache.prepare(`SELECT ${STATEMENT_CACHE_SIZE}`);
		expect(cache.prepare('SELECT 0')).toBe(zero);
		expect(cache.prepare('SELECT 1')).not.toBe(one);
	});
});
