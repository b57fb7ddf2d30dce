import * as v from 'valibot';
import { getMyClass } from '$lib/api';
import { ClassOverviewSchema, updateMembership, type StudentClass } from '$lib/storage/classes';
import type { MeridianDB } from '$lib/storage/db';
import { describeIssue } from '$lib/storage/schemas';

/**
 * Fetches the student's view of a class they joined (`GET /api/classes/<code>/me`: its
 * assignments with the student's due dates, limits and results) and keeps it on the device for
 * offline use. Resolves with the membership as stored; throws as the request does (offline, a
 * refusal), leaving the overview kept before.
 */
export async function refreshOverview(
	db: MeridianDB,
	row: StudentClass,
	send: typeof fetch,
	now: number
): Promise<StudentClass> {
	if (row.sync !== 'joined' || !row.memberKey) return row;
	const answer = await getMyClass(row.code, row.studentId, row.memberKey, { fetch: send });
	const parsed = v.safeParse(ClassOverviewSchema, answer);
	if (!parsed.success) {
		const { field, message } = describeIssue(parsed.issues);
		throw new Error(`The class’s assignments could not be read (${field}: ${message}).`);
	}
	const overview = parsed.output;
	const stored = await updateMembership(db, row.code, (current) => ({
		...current,
		overview,
		overviewAt: now,
		className: overview.class.name
	}));
	return stored ?? row;
}
