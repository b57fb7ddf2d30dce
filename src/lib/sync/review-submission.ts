import { submissionBody } from '$lib/api';
import type { DeviceAssignment } from '$lib/storage/assignments';
import { studentId } from '$lib/storage/assignments';
import type { MeridianDB } from '$lib/storage/db';
import { cardsReviewedSince } from '$lib/storage/reviews';
import { newOutboxItem, saveOutboxItem } from '$lib/storage/outbox';

/**
 * Queues a review-mode submission: the assignment's cards studied since the student joined.
 * Returns how many cards it reports.
 */
export async function queueReviewSubmission(
	db: MeridianDB,
	row: Extract<DeviceAssignment, { role: 'student' }>,
	now: number,
	newId: () => string
): Promise<number> {
	const reviewed = await cardsReviewedSince(db, row.joinedAt, row.assignment.questionIds);
	const student = { ...row, studentId: await studentId(db, newId) };
	const body = submissionBody(student, {
		id: newId(),
		reviewed,
		startedAt: row.joinedAt,
		finishedAt: now
	});
	await saveOutboxItem(db, newOutboxItem(row.assignment.code, body, now));
	return reviewed.length;
}
