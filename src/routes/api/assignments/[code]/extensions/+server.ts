import { setExtensions } from '$lib/server/classes';
import { getDatabase } from '$lib/server/db';
import { apiHandler, readJson, respond, withInstructorKey } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Gives students of the class a due date of their own (class key or instructor key). */
export const POST: RequestHandler = apiHandler((event) =>
	withInstructorKey(event, async (key) =>
		respond(
			await setExtensions(
				await getDatabase(),
				event.params.code,
				key,
				await readJson(event.request)
			)
		)
	)
);
