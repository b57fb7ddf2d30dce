import { addRoster, classForInstructor } from '$lib/server/classes';
import { getDatabase } from '$lib/server/db';
import { apiHandler, readJson, respond, withInstructorKey } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Adds students to the roster (class key): 201 `{ roster }`, the whole roster. */
export const POST: RequestHandler = apiHandler((event) =>
	withInstructorKey(event, async (key) => {
		const db = await getDatabase();
		const klass = await classForInstructor(db, event.params.code, key);
		const roster = await addRoster(db, klass, await readJson(event.request), Date.now());
		return respond({ roster }, 201);
	})
);
