import { submitAssignment } from '$lib/server/assignments';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, clientAddress, readJson, respond } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Grades and stores a submission: 201 the first time, 200 with the stored result on a retry. */
export const POST: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('submit', clientAddress(event), now);
	const body = await readJson(event.request);
	const { created, result } = await submitAssignment(
		await getDatabase(),
		getDecks().decks,
		event.params.code,
		body,
		now
	);
	return respond(result, created ? 201 : 200);
});
