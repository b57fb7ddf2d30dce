import { encodeDashboard } from '$lib/api';
import { withClassInstructor, getDashboard } from '$lib/server/classes';
import { apiHandler, clientAddress, respond } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The student x assignment grid (compact cells), roster, members and pending joiners (class key). */
export const GET: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('results', clientAddress(event), now);
	return withClassInstructor(event, async (db, klass) =>
		respond(encodeDashboard(await getDashboard(db, klass, now)))
	);
});
