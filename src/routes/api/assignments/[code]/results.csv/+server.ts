import { getResults, resultsCsv } from '$lib/server/assignments';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, bearerToken } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The submissions as a CSV download, with the same key as the results. */
export const GET: RequestHandler = apiHandler(async ({ params, request }) => {
	const { submissions } = await getResults(
		await getDatabase(),
		getDecks().decks,
		params.code,
		bearerToken(request)
	);
	return new Response(resultsCsv(submissions), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="meridian-${params.code}-results.csv"`,
			'cache-control': 'no-store'
		}
	});
});
