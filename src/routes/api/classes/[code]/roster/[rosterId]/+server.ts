import { withClassInstructor, editRosterEntry } from '$lib/server/classes';
import { apiHandler, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Changes one roster entry's name, student number or time multiplier (class key). */
export const PATCH: RequestHandler = apiHandler((event) =>
	withClassInstructor(event, async (db, klass) => {
		return respond(
			await editRosterEntry(db, klass, event.params.rosterId, await readJson(event.request))
		);
	})
);
