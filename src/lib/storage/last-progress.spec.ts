import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { openMeridianDB } from './db';
import { lastProgressAt } from './last-progress';
import { saveAttempt, type QuizAttemptRow } from './quiz-attempts';
import { recordReview } from './reviews';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
});

const review = (db: Awaited<ReturnType<typeof openMeridianDB>>, i: number, now: number) =>
	recordReview(db, DEFAULT_SETTINGS, {
		logId: `log-${i}`,
		cardId: `card-${i}`,
		rating: Rating.Good,
		now,
		source: 'study'
	});

const attempt = (startedAt: number): QuizAttemptRow => ({
	id: `q-${startedAt}`,
	deckId: 'history',
	seed: 7,
	cardIds: ['card-1'],
	feedback: 'end',
	passMark: 0.7,
	startedAt,
	finishedAt: startedAt + 60_000,
	answers: [],
	percent: 0,
	passed: false,
	retryOf: null
});

describe('lastProgressAt', () => {
	it('is null before any review or quiz', async () => {
		expect(await lastProgressAt(await openMeridianDB())).toBeNull();
	});

	it('is the latest review when no quiz is later', async () => {
		const db = await openMeridianDB();
		await review(db, 1, NOW + 3_000);
		await review(db, 2, NOW + 1_000);
		await saveAttempt(db, attempt(NOW));
		expect(await lastProgressAt(db)).toBe(NOW + 3_000);
	});

	it('is the latest quiz attempt when it is later than every review', async () => {
		const db = await openMeridianDB();
		await review(db, 1, NOW);
		await saveAttempt(db, attempt(NOW + 5_000));
		expect(await lastProgressAt(db)).toBe(NOW + 5_000);
	});
});
