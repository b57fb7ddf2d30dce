import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import type { DeviceAssignment } from '$lib/storage/assignments';
import { openMeridianDB } from '$lib/storage/db';
import { recordReview } from '$lib/storage/reviews';
import { outboxItems } from '$lib/storage/outbox';
import { queueReviewSubmission } from './review-submission';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

const row: Extract<DeviceAssignment, { role: 'student' }> = {
	id: 'student:ABC2345',
	role: 'student',
	name: 'Ann',
	studentNumber: '',
	joinedAt: MOCK_NOW - 60_000,
	assignment: {
		code: 'ABC2345',
		title: 'Review the SCO',
		deckId: 'sco',
		deckTitle: 'SCO',
		mode: 'review',
		questionIds: ['a', 'b', 'c'],
		passMark: 0.7,
		dueAt: '2026-01-10T17:00:00.000Z',
		instructions: null
	}
};

describe('queueReviewSubmission', () => {
	it('reports each assignment card studied since joining, once, and queues it', async () => {
		const db = await openMeridianDB();
		const review = (cardId: string, logId: string, now: number) =>
			recordReview(db, DEFAULT_SETTINGS, { logId, cardId, rating: 3, now, source: 'study' });
		await review('a', 'before-joining', MOCK_NOW - 120_000);
		await review('b', 'l1', MOCK_NOW - 30_000);
		await review('b', 'l2', MOCK_NOW - 20_000);
		await review('other', 'l3', MOCK_NOW - 10_000);
		let n = 0;
		const count = await queueReviewSubmission(db, row, MOCK_NOW, () => `id-${++n}`);
		expect(count).toBe(1);
		const [item] = await outboxItems(db);
		expect(item).toMatchObject({
			code: 'ABC2345',
			status: 'waiting',
			body: {
				name: 'Ann',
				reviewed: ['b'],
				answers: [],
				startedAt: row.joinedAt,
				finishedAt: MOCK_NOW
			}
		});
	});
});
