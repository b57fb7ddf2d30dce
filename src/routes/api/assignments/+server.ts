import type { AssignmentCreated } from '$lib/api';
import { createAssignment } from '$lib/server/assignments';
import { getDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { apiHandler, clientAddress, readJson, respond, withInstructorKey } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Creates an assignment: 201 `{ code, instructorKey, joinUrl, dashboardUrl }`. */
export const POST: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('create', clientAddress(event), now);
	const body = await readJson(event.request);
	// With `classCode`, the class key (Authorization: Bearer); a wrong one counts as a failed key.
	return withInstructorKey(event, async (classKey) => {
		const { code, instructorKey } = await createAssignment(
			await getDatabase(),
			getDecks().decks,
			body,
			now,
			{ classKey }
		);
		const { origin } = event.url;
		return respond(
			{
				code,
				instructorKey,
				joinUrl: `${origin}/join/${code}`,
				// In the fragment, so the key never reaches server logs or Referer headers.
				dashboardUrl: `${origin}/teach/${code}#key=${instructorKey}`
			} satisfies AssignmentCreated,
			201
		);
	});
});
