import { joinClass } from '$lib/server/classes';
import { getDatabase } from '$lib/server/db';
import { apiHandler, clientAddress, readJson, respond } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** A student joins: 201 joined, 200 on a retry or `confirm` with near roster matches. */
export const POST: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('join', clientAddress(event), now);
	const body = await readJson(event.request);
	const { created, result } = await joinClass(await getDatabase(), event.params.code, body, now);
	return respond(result, created ? 201 : 200);
});
