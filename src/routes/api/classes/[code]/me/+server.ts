import { getMyClass, memberFor } from '$lib/server/classes';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, clientAddress, respond, withInstructorKey } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The student's own class (`?studentId=`, member key): assignments and their own results. */
export const GET: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('join', clientAddress(event), now);
	return withInstructorKey(event, async (key) => {
		const db = await getDatabase();
		const studentId = event.url.searchParams.get('studentId');
		const { klass, member } = await memberFor(db, event.params.code, studentId, key);
		return respond(await getMyClass(db, getDecks().decks, klass, member, now));
	});
});
