import { withClassInstructor, getClassKnowledge } from '$lib/server/classes';
import { getDecks } from '$lib/server/decks';
import { apiHandler, clientAddress, respond } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Per cited sentence: share right and predicted recall of the class; the ten weakest (class key). */
export const GET: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('results', clientAddress(event), now);
	return withClassInstructor(event, async (db, klass) => {
		return respond(await getClassKnowledge(db, getDecks(), klass, now));
	});
});
