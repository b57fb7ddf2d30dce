import { withClassInstructor, getAssignmentGrid } from '$lib/server/classes';
import { getDecks } from '$lib/server/decks';
import { apiHandler, clientAddress, respond } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** One assignment of the class: student x question grid and per-option counts (class key). */
export const GET: RequestHandler = apiHandler(async (event) => {
	await enforceRateLimit('results', clientAddress(event), Date.now());
	return withClassInstructor(event, async (db, klass) => {
		return respond(await getAssignmentGrid(db, getDecks().decks, klass, event.params.assignment));
	});
});
