import { statement, type DB } from '../db';

// Every SQL statement of device transfers, and nothing else, so the store ports to another
// database layer in one place. The table is migration 3 in ../db.ts.

export interface NewTransferRow {
	id: string;
	tokenHash: string;
	ciphertext: Uint8Array;
	createdAt: number;
	expiresAt: number;
}

export function insertTransfer(db: DB, row: NewTransferRow): void {
	statement(
		db,
		`INSERT INTO transfers (id, token_hash, ciphertext, size, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`
	).run(
		row.id,
		row.tokenHash,
		Buffer.from(row.ciphertext.buffer, row.ciphertext.byteOffset, row.ciphertext.byteLength),
		row.ciphertext.byteLength,
		row.createdAt,
		row.expiresAt
	);
}

/** Bytes of ciphertext stored and not yet expired. */
export function storedBytes(db: DB, now: number): number {
	const row = statement(
		db,
		'SELECT COALESCE(SUM(size), 0) AS bytes FROM transfers WHERE expires_at > ?'
	).get(now) as { bytes: number };
	return row.bytes;
}

/** Deletes every expired transfer, fetched or not; returns how many. */
export function purgeExpired(db: DB, now: number): number {
	return statement(db, 'DELETE FROM transfers WHERE expires_at <= ?').run(now).changes;
}

export type TakeResult =
	| { kind: 'taken'; ciphertext: Uint8Array }
	| { kind: 'missing' | 'expired' | 'fetched' | 'refused' };

/**
 * Takes a transfer's ciphertext and deletes it, in one write transaction (so of two fetches at
 * once exactly one gets it). `accept` judges the stored token hash; a refused or expired transfer
 * is left as it is (an expired one goes with the next purge).
 */
export function takeTransfer(
	db: DB,
	id: string,
	now: number,
	accept: (tokenHash: string) => boolean
): TakeResult {
	const take = db.transaction((): TakeResult => {
		const row = statement(
			db,
			'SELECT token_hash, ciphertext, expires_at, fetched_at FROM transfers WHERE id = ?'
		).get(id) as
			| {
					token_hash: string;
					ciphertext: Buffer | null;
					expires_at: number;
					fetched_at: number | null;
			  }
			| undefined;
		if (!row) return { kind: 'missing' };
		if (row.expires_at <= now) return { kind: 'expired' };
		if (row.fetched_at !== null || row.ciphertext === null) return { kind: 'fetched' };
		if (!accept(row.token_hash)) return { kind: 'refused' };
		statement(
			db,
			'UPDATE transfers SET ciphertext = NULL, size = 0, fetched_at = ? WHERE id = ?'
		).run(now, id);
		return { kind: 'taken', ciphertext: new Uint8Array(row.ciphertext) };
	});
	// IMMEDIATE takes the write lock before reading, so another process cannot take it in between.
	return take.immediate();
}

/** Deletes a transfer whose stored token hash `accept` approves, in one write transaction. */
export function deleteTransfer(
	db: DB,
	id: string,
	accept: (tokenHash: string) => boolean
): 'deleted' | 'missing' | 'refused' {
	const remove = db.transaction(() => {
		const row = statement(db, 'SELECT token_hash FROM transfers WHERE id = ?').get(id) as
			{ token_hash: string } | undefined;
		if (!row) return 'missing' as const;
		if (!accept(row.token_hash)) return 'refused' as const;
		statement(db, 'DELETE FROM transfers WHERE id = ?').run(id);
		return 'deleted' as const;
	});
	return remove.immediate();
}
