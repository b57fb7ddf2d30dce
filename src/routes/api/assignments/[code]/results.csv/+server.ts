import {
	authorised,
	parseTimeZone,
	resultsCsvStream,
	summaryPages,
	view
} from '$lib/server/assignments';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, clientAddress, withInstructorKey } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * The submissions as a CSV download, with the same key as the results, streamed from the database
 * page by page; `?tz=` names the time zone of the finish-time column (default UTC).
 */
export const GET: RequestHandler = apiHandler(async (event) => {
	await enforceRateLimit('results', clientAddress(event), Date.now());
	const { code } = event.params;
	return withInstructorKey(event, async (key) => {
		const db = await getDatabase();
		const row = await authorised(db, code, key);
		const timeZone = parseTimeZone(event.url.searchParams.get('tz'));
		const { questionIds } = view(row, getDecks().decks);
		const questions = row.mode === 'quiz' ? questionIds : [];
		return new Response(
			resultsCsvStream(summaryPages(db, row, questions), questions.length, timeZone),
			{
				headers: {
					'content-type': 'text/csv; charset=utf-8',
					'content-disposition': `attachment; filename="meridian-${code}-results.csv"`,
					'cache-control': 'no-store'
				}
			}
		);
	});
});
