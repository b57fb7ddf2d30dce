import { withClassInstructor, decideMember } from '$lib/server/classes';
import { apiHandler, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Matches a member to a roster entry or accepts them (class key). */
export const POST: RequestHandler = apiHandler((event) =>
	withClassInstructor(event, async (db, klass) => {
		return respond(
			await decideMember(db, klass, event.params.studentId, await readJson(event.request))
		);
	})
);
