import { getResults } from '$lib/server/assignments';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, bearerToken, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The instructor's results, with `Authorization: Bearer <instructorKey>`. */
export const GET: RequestHandler = apiHandler(async ({ params, request }) =>
	respond(
		await getResults(await getDatabase(), getDecks().decks, params.code, bearerToken(request))
	)
);
