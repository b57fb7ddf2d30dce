import type { Kysely } from 'kysely';
import { engineOf, writeTransaction, type DB, type Schema } from '../db';

// Every query of device transfers, and nothing else. The same code runs on SQLite and on
// PostgreSQL (../db.ts); the table is the migration "device transfers" in ../migrations.

export interface NewTransferRow {
	id: string;
	tokenHash: string;
	ciphertext: Uint8Array;
	createdAt: number;
	expiresAt: number;
}

export async function insertTransfer(db: DB, row: NewTransferRow): Promise<void> {
	await db
		.insertInto('transfers')
		.values({
			id: row.id,
			token_hash: row.tokenHash,
			// Both drivers bind a Buffer as a BLOB / bytea.
			ciphertext: Buffer.from(
				row.ciphertext.buffer,
				row.ciphertext.byteOffset,
				row.ciphertext.byteLength
			),
			size: row.ciphertext.byteLength,
			created_at: row.createdAt,
			expires_at: row.expiresAt
		})
		.execute();
}

/** Bytes of ciphertext stored and not yet expired. */
export async function storedBytes(db: DB, now: number): Promise<number> {
	const row = await db
		.selectFrom('transfers')
		.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes'))
		.where('expires_at', '>', now)
		.executeTakeFirstOrThrow();
	// SUM of a BIGINT is NUMERIC on PostgreSQL, which db.ts parses as a number already.
	return Number(row.bytes);
}

/** Deletes every expired transfer, fetched or not; returns how many. */
export async function purgeExpired(db: DB, now: number): Promise<number> {
	const result = await db.deleteFrom('transfers').where('expires_at', '<=', now).executeTakeFirst();
	return Number(result.numDeletedRows);
}

export type TakeResult =
	| { kind: 'taken'; ciphertext: Uint8Array }
	| { kind: 'missing' | 'expired' | 'fetched' | 'refused' };

/**
 * Reads a transfer's row inside a write transaction, locked against the other writers: SQLite's
 * BEGIN IMMEDIATE already holds the database's write lock; on PostgreSQL `FOR UPDATE` makes a
 * second transaction wait for the first and then read the row as the first left it.
 */
function lockedRow(tx: Kysely<Schema>, id: string) {
	const query = tx
		.selectFrom('transfers')
		.select(['token_hash', 'ciphertext', 'expires_at', 'fetched_at'])
		.where('id', '=', id);
	return (engineOf(tx) === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * Takes a transfer's ciphertext and deletes it, in one write transaction (so of two fetches at
 * once, from one process or several, exactly one gets it). `accept` judges the stored token hash;
 * a refused or expired transfer is left as it is (an expired one goes with the next purge).
 */
export function takeTransfer(
	db: DB,
	id: string,
	now: number,
	accept: (tokenHash: string) => boolean
): Promise<TakeResult> {
	return writeTransaction(db, async (tx): Promise<TakeResult> => {
		const row = await lockedRow(tx, id);
		if (!row) return { kind: 'missing' };
		if (row.expires_at <= now) return { kind: 'expired' };
		if (row.fetched_at !== null || row.ciphertext === null) return { kind: 'fetched' };
		if (!accept(row.token_hash)) return { kind: 'refused' };
		await tx
			.updateTable('transfers')
			.set({ ciphertext: null, size: 0, fetched_at: now })
			.where('id', '=', id)
			.execute();
		return { kind: 'taken', ciphertext: new Uint8Array(row.ciphertext) };
	});
}

/** Deletes a transfer whose stored token hash `accept` approves, in one write transaction. */
export function deleteTransfer(
	db: DB,
	id: string,
	accept: (tokenHash: string) => boolean
): Promise<'deleted' | 'missing' | 'refused'> {
	return writeTransaction(db, async (tx) => {
		const row = await lockedRow(tx, id);
		if (!row) return 'missing' as const;
		if (!accept(row.token_hash)) return 'refused' as const;
		await tx.deleteFrom('transfers').where('id', '=', id).execute();
		return 'deleted' as const;
	});
}
