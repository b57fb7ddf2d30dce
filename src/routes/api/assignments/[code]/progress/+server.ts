import { recordProgress } from '$lib/server/classes';
import { getDatabase } from '$lib/server/db';
import { apiHandler, clientAddress, readJson, respond, withInstructorKey } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** A student's FSRS state of the assignment's cards (member key): idempotent upsert. */
export const POST: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('submit', clientAddress(event), now);
	const body = await readJson(event.request);
	// A wrong member key counts against the failed-key limit, as an instructor's does.
	return withInstructorKey(event, async (key) =>
		respond(await recordProgress(await getDatabase(), event.params.code, key, body, now))
	);
});
