import { acceptResponse, undoAcceptance } from '$lib/server/assignments';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, readJson, respond, withInstructorKey } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** A handler that reads `{ cardId, response }`, makes the change and answers with it. */
const changeHandler = (change: typeof acceptResponse, status?: number): RequestHandler =>
	apiHandler((event) =>
		withInstructorKey(event, async (key) => {
			const body = await readJson(event.request);
			const made = await change(
				await getDatabase(),
				getDecks().decks,
				event.params.code,
				key,
				body,
				Date.now()
			);
			return respond(made, status);
		})
	);

/** Accepts `{ cardId, response }` for everyone and regrades: 201 `{ action, cardId, given, at, changed }`. */
export const POST = changeHandler(acceptResponse, 201);

/** Takes back an accepted `{ cardId, response }` and regrades: 200 with the change. */
export const DELETE = changeHandler(undoAcceptance);
