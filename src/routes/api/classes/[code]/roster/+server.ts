import { addRoster, withClassInstructor } from '$lib/server/classes';
import { apiHandler, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Adds students to the roster (class key): 201 `{ roster }`, the whole roster. */
export const POST: RequestHandler = apiHandler((event) =>
	withClassInstructor(event, async (db, klass) => {
		const roster = await addRoster(db, klass, await readJson(event.request), Date.now());
		return respond({ roster }, 201);
	})
);
