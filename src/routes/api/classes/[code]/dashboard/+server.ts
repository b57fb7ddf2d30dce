import { classForInstructor, getDashboard } from '$lib/server/classes';
import { getDatabase } from '$lib/server/db';
import { apiHandler, clientAddress, respond, withInstructorKey } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The student x assignment grid, roster, members and pending joiners (class key). */
export const GET: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('results', clientAddress(event), now);
	return withInstructorKey(event, async (key) => {
		const db = await getDatabase();
		return respond(
			await getDashboard(db, await classForInstructor(db, event.params.code, key), now)
		);
	});
});
