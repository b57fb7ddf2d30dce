import { classForInstructor, editRosterEntry } from '$lib/server/classes';
import { getDatabase } from '$lib/server/db';
import { apiHandler, readJson, respond, withInstructorKey } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Changes one roster entry's name, student number or time multiplier (class key). */
export const PATCH: RequestHandler = apiHandler((event) =>
	withInstructorKey(event, async (key) => {
		const db = await getDatabase();
		const klass = await classForInstructor(db, event.params.code, key);
		return respond(
			await editRosterEntry(db, klass, event.params.rosterId, await readJson(event.request))
		);
	})
);
