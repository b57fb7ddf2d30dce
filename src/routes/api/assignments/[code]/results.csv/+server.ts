import { getResults, resultsCsv } from '$lib/server/assignments';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, clientAddress, withInstructorKey } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The submissions as a CSV download, with the same key as the results. */
export const GET: RequestHandler = apiHandler(async (event) => {
	await enforceRateLimit('results', clientAddress(event), Date.now());
	const { code } = event.params;
	return withInstructorKey(event, async (key) => {
		const { submissions } = await getResults(await getDatabase(), getDecks().decks, code, key);
		return new Response(resultsCsv(submissions), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="meridian-${code}-results.csv"`,
				'cache-control': 'no-store'
			}
		});
	});
});
