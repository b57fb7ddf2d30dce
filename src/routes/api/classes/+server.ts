import { classJoinPage, classDashboardPage, type ClassCreated } from '$lib/api';
import { createClass } from '$lib/server/classes';
import { getDatabase } from '$lib/server/db';
import { apiHandler, clientAddress, readJson, respond } from '$lib/server/http';
import { enforceRateLimit } from '$lib/server/rate-limit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Creates a class: 201 `{ code, key, joinUrl, dashboardUrl, roster }`. */
export const POST: RequestHandler = apiHandler(async (event) => {
	const now = Date.now();
	await enforceRateLimit('create', clientAddress(event), now);
	const body = await readJson(event.request);
	const { code, key, roster } = await createClass(await getDatabase(), body, now);
	const { origin } = event.url;
	return respond(
		{
			code,
			key,
			joinUrl: origin + classJoinPage(code),
			dashboardUrl: origin + classDashboardPage(code, key),
			roster
		} satisfies ClassCreated,
		201
	);
});
