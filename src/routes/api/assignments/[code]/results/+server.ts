import { getResults, parseSince } from '$lib/server/assignments';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, clientAddress, respond, withInstructorKey } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * The instructor's results, with `Authorization: Bearer <instructorKey>`; `?since=<lastSeq>` gives
 * only what changed after an earlier answer.
 */
export const GET: RequestHandler = apiHandler(async (event) => {
	await enforceRateLimit('results', clientAddress(event), Date.now());
	return withInstructorKey(event, async (key) => {
		const since = parseSince(event.url.searchParams.get('since'));
		const db = await getDatabase();
		return respond(await getResults(db, getDecks().decks, event.params.code, key, since));
	});
});
