import { getDatabase } from '$lib/server/db';
import { apiHandler, bearerToken, clientAddress } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import { cancelTransfer, fetchTransfer } from '$lib/server/transfers';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Hands over a transfer's ciphertext once and deletes it (a second fetch gets 410). */
export const GET: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('transferFetch', clientAddress(event), now);
	const ciphertext = await fetchTransfer(
		await getDatabase(),
		event.params.id,
		bearerToken(event.request),
		now
	);
	return new Response(ciphertext as Uint8Array<ArrayBuffer>, {
		headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }
	});
});

/** Cancels a transfer (the sender's "Cancel link"): 204, the row deleted. */
export const DELETE: RequestHandler = apiHandler(async (event) => {
	await enforceRateLimit('transferFetch', clientAddress(event), Date.now());
	await cancelTransfer(await getDatabase(), event.params.id, bearerToken(event.request));
	return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
});
