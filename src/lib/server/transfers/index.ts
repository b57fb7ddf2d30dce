import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import {
	MAX_TRANSFER_BYTES,
	TRANSFER_TTL_MS,
	TransferIdSchema,
	TransferTokenSchema,
	envelopeProblem,
	type TransferCreated
} from '$lib/api/transfers';
import type { DB } from '../db';
import { ApiError } from '../http';
import { deleteTransfer, insertTransfer, purgeExpired, storedBytes, takeTransfer } from './store';

// Device transfers (docs/api.md, "Transfers"): the server keeps an encrypted backup for a day and
// hands it once to whoever holds the link. It sees the ciphertext's framing and the SHA-256 of a
// fetch token, never the key or the plaintext.

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Total ciphertext the server keeps at once (`TRANSFER_STORAGE_MAX_MB`, default 1024). */
function storageLimit(): number {
	const mb = Number(process.env.TRANSFER_STORAGE_MAX_MB);
	return (Number.isInteger(mb) && mb > 0 ? mb : 1024) * 1024 * 1024;
}

function token(raw: string | null): string {
	if (raw === null) {
		throw new ApiError(401, 'authorization: send the fetch token as "Bearer <token>"');
	}
	if (!v.is(TransferTokenSchema, raw)) {
		throw new ApiError(401, 'authorization: the fetch token must be 43 base64url characters');
	}
	return raw;
}

/** Stores a ciphertext: 201's body `{ id, expiresAt, bytes }`. Expired transfers go first. */
export async function createTransfer(
	db: DB,
	ciphertext: Uint8Array,
	rawToken: string | null,
	now: number
): Promise<TransferCreated> {
	const tokenHash = sha256(token(rawToken));
	if (ciphertext.byteLength > MAX_TRANSFER_BYTES) {
		throw new ApiError(413, `body is larger than ${MAX_TRANSFER_BYTES} bytes`);
	}
	const problem = envelopeProblem(ciphertext);
	if (problem) throw new ApiError(400, `body: ${problem}`);
	await purgeExpired(db, now);
	if ((await storedBytes(db, now)) + ciphertext.byteLength > storageLimit()) {
		throw new ApiError(503, 'the server holds too many transfers right now; try again later', {
			'retry-after': '3600'
		});
	}
	const id = randomBytes(16).toString('base64url');
	const expiresAt = now + TRANSFER_TTL_MS;
	await insertTransfer(db, { id, tokenHash, ciphertext, createdAt: now, expiresAt });
	return { id, expiresAt: new Date(expiresAt).toISOString(), bytes: ciphertext.byteLength };
}

const NO_SUCH = 'id: no such transfer (it was cancelled, or expired and was deleted)';

/** Whether a stored token hash is that of the token sent (compared in constant time). */
function matches(rawToken: string | null): (stored: string) => boolean {
	const wanted = Buffer.from(sha256(token(rawToken)), 'hex');
	return (stored) => timingSafeEqual(Buffer.from(stored, 'hex'), wanted);
}

/** Cancels a transfer: deleted whether fetched or not. 404 when unknown, 403 for a wrong token. */
export async function cancelTransfer(db: DB, id: string, rawToken: string | null): Promise<void> {
	if (!v.is(TransferIdSchema, id)) throw new ApiError(404, NO_SUCH);
	const result = await deleteTransfer(db, id, matches(rawToken));
	if (result === 'missing') throw new ApiError(404, NO_SUCH);
	if (result === 'refused') {
		throw new ApiError(403, 'authorization: the key in the link does not match this transfer');
	}
}

/**
 * Hands the ciphertext to the holder of the token and deletes it. 404 for an unknown id, 410 for
 * an expired or already fetched one, 403 when the token does not match (the transfer stays).
 */
export async function fetchTransfer(
	db: DB,
	id: string,
	rawToken: string | null,
	now: number
): Promise<Uint8Array> {
	if (!v.is(TransferIdSchema, id)) {
		throw new ApiError(404, NO_SUCH);
	}
	const result = await takeTransfer(db, id, now, matches(rawToken));
	switch (result.kind) {
		case 'taken':
			return result.ciphertext;
		case 'missing':
			throw new ApiError(404, NO_SUCH);
		case 'expired':
			throw new ApiError(410, 'id: this transfer expired (transfers are kept for 24 hours)');
		case 'fetched':
			throw new ApiError(410, 'id: this transfer was already fetched (a link works once)');
		case 'refused':
			throw new ApiError(403, 'authorization: the key in the link does not match this transfer');
	}
}
