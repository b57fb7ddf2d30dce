import { withClassInstructor, getStudentDetail } from '$lib/server/classes';
import { getDecks } from '$lib/server/decks';
import { apiHandler, clientAddress, respond } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Every attempt and answer of one student across the class (class key). */
export const GET: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('results', clientAddress(event), now);
	return withClassInstructor(event, async (db, klass) => {
		return respond(
			await getStudentDetail(db, getDecks().decks, klass, event.params.studentId, now)
		);
	});
});
