import { acceptResponse, undoAcceptance } from '$lib/server/assignments';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, bearerToken, readJson, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** A handler that reads `{ cardId, response }`, makes the change and answers with it. */
const changeHandler = (change: typeof acceptResponse, status?: number): RequestHandler =>
	apiHandler(async ({ params, request }) => {
		const body = await readJson(request);
		const made = await change(
			await getDatabase(),
			getDecks().decks,
			params.code,
			bearerToken(request),
			body,
			Date.now()
		);
		return respond(made, status);
	});

/** Accepts `{ cardId, response }` for everyone and regrades: 201 `{ action, cardId, given, at, changed }`. */
export const POST = changeHandler(acceptResponse, 201);

/** Takes back an accepted `{ cardId, response }` and regrades: 200 with the change. */
export const DELETE = changeHandler(undoAcceptance);
