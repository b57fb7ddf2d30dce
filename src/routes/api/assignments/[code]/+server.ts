import { getAssignment } from '$lib/server/assignments';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, clientAddress, respond } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** What a student needs to join: the assignment without anything about students. */
export const GET: RequestHandler = apiHandler(async (event) => {
	await enforceRateLimit('join', clientAddress(event), Date.now());
	return respond(await getAssignment(await getDatabase(), getDecks().decks, event.params.code));
});
