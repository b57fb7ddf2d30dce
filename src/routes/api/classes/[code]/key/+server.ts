import { classDashboardPage, type ClassKeyChanged } from '$lib/api';
import { withClassInstructor, replaceClassKey } from '$lib/server/classes';
import { apiHandler, respond } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Replaces the class key (class key): the old one stops working at once. */
export const POST: RequestHandler = apiHandler((event) =>
	withClassInstructor(event, async (db, klass) => {
		const next = await replaceClassKey(db, klass);
		return respond({
			key: next,
			dashboardUrl: event.url.origin + classDashboardPage(klass.code, next)
		} satisfies ClassKeyChanged);
	})
);
