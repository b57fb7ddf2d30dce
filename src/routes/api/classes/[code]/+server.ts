import { withClassInstructor, getClassPublic, renameClass } from '$lib/server/classes';
import { getDatabase } from '$lib/server/db';
import { apiHandler, clientAddress, readJson, respond } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** What a joiner needs: the class's name and whether it has a roster. */
export const GET: RequestHandler = apiHandler(async (event) => {
	await enforceRateLimit('join', clientAddress(event), Date.now());
	return respond(await getClassPublic(await getDatabase(), event.params.code));
});

/** Renames the class (class key). */
export const PATCH: RequestHandler = apiHandler((event) =>
	withClassInstructor(event, async (db, klass) => {
		return respond(await renameClass(db, klass, await readJson(event.request)));
	})
);
