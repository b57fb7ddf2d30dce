import { withClassInstructor, getDashboard, gradebookCsv } from '$lib/server/classes';
import { apiHandler, clientAddress } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The gradebook as a CSV download (class key). */
export const GET: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('results', clientAddress(event), now);
	return withClassInstructor(event, async (db, klass) => {
		return new Response(gradebookCsv(await getDashboard(db, klass, now)), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="meridian-class-${klass.code}-gradebook.csv"`,
				'cache-control': 'no-store'
			}
		});
	});
});
