import { MAX_TRANSFER_BYTES } from '$lib/api/transfers';
import { getDatabase } from '$lib/server/db';
import { apiHandler, bearerToken, clientAddress, readBytes, respond } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import { createTransfer } from '$lib/server/transfers';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * Stores an encrypted backup for another device: the body is the ciphertext
 * (application/octet-stream), `Authorization: Bearer <fetch token>`. 201 `{ id, expiresAt, bytes }`.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('transfer', clientAddress(event), now);
	const token = bearerToken(event.request);
	const body = await readBytes(event.request, MAX_TRANSFER_BYTES);
	return respond(await createTransfer(await getDatabase(), body, token, now), 201);
});
