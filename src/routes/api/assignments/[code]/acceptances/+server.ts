import { acceptResponse, undoAcceptance } from '$lib/server/assignments';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, bearerToken, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Accepts `{ cardId, response }` for everyone and regrades: 201 `{ action, cardId, given, at, changed }`. */
export const POST: RequestHandler = apiHandler(async ({ params, request }) => {
	const body = await readJson(request);
	const change = acceptResponse(
		getDatabase(),
		getDecks().decks,
		params.code,
		bearerToken(request),
		body,
		Date.now()
	);
	return respond(change, 201);
});

/** Takes back an accepted `{ cardId, response }` and regrades: 200 with the change. */
export const DELETE: RequestHandler = apiHandler(async ({ params, request }) => {
	const body = await readJson(request);
	const change = undoAcceptance(
		getDatabase(),
		getDecks().decks,
		params.code,
		bearerToken(request),
		body,
		Date.now()
	);
	return respond(change);
});
