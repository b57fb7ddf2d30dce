import { classDashboardPage, type ClassKeyChanged } from '$lib/api';
import { classForInstructor, replaceClassKey } from '$lib/server/classes';
import { getDatabase } from '$lib/server/db';
import { apiHandler, respond, withInstructorKey } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Replaces the class key (class key): the old one stops working at once. */
export const POST: RequestHandler = apiHandler((event) =>
	withInstructorKey(event, async (key) => {
		const db = await getDatabase();
		const klass = await classForInstructor(db, event.params.code, key);
		const next = await replaceClassKey(db, klass);
		return respond({
			key: next,
			dashboardUrl: event.url.origin + classDashboardPage(klass.code, next)
		} satisfies ClassKeyChanged);
	})
);
