import { classForInstructor, decideMember } from '$lib/server/classes';
import { getDatabase } from '$lib/server/db';
import { apiHandler, readJson, respond, withInstructorKey } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Matches a member to a roster entry or accepts them (class key). */
export const POST: RequestHandler = apiHandler((event) =>
	withInstructorKey(event, async (key) => {
		const db = await getDatabase();
		const klass = await classForInstructor(db, event.params.code, key);
		return respond(
			await decideMember(db, klass, event.params.studentId, await readJson(event.request))
		);
	})
);
