import { getAssignment } from '$lib/server/assignments';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, clientAddress, readJson, respond, withInstructorKey } from '$lib/server/http';
import { editAssignment } from '$lib/server/classes';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** What a student needs to join: the assignment without anything about students. */
export const GET: RequestHandler = apiHandler(async (event) => {
	await enforceRateLimit('join', clientAddress(event), Date.now());
	return respond(await getAssignment(await getDatabase(), getDecks().decks, event.params.code));
});

/**
 * Edits, closes or reopens the assignment (its instructor key, or the class key of its class):
 * 200 with the assignment as `GET` answers it.
 */
export const PATCH: RequestHandler = apiHandler((event) =>
	withInstructorKey(event, async (key) => {
		const body = await readJson(event.request);
		return respond(
			await editAssignment(
				await getDatabase(),
				getDecks().decks,
				event.params.code,
				key,
				body,
				Date.now()
			)
		);
	})
);
