import { describe, expect, it } from 'vitest';
import { State } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { openMeridianDB } from './db';
import { attemptsForDeck, finishAttempt, saveAttempt, type QuizAttemptRow } from './quiz-attempts';
import { newOutboxItem, outboxItems } from './outbox';
import { recordReview } from './reviews';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const DAY = 86_400_000;

const attempt = (answers: [string, boolean][]): QuizAttemptRow => ({
	id: 'attempt-1',
	deckId: 'history',
	seed: 7,
	cardIds: answers.map(([id]) => id),
	feedback: 'immediate',
	passMark: 0.7,
	startedAt: MOCK_NOW,
	finishedAt: MOCK_NOW + 60_000,
	answers: answers.map(([cardId, correct]) => ({
		cardId,
		response: null,
		score: correct ? 1 : 0,
		correct,
		answeredAt: MOCK_NOW
	})),
	percent: 50,
	passed: false,
	retryOf: null
});

describe('quiz attempts', () => {
	it('saves unfinished attempts and lists a deck’s attempts oldest first', async () => {
		const db = await openMeridianDB();
		await saveAttempt(db, { ...attempt([]), id: 'b', startedAt: MOCK_NOW + 5 });
		await saveAttempt(db, { ...attempt([]), id: 'a' });
		expect((await attemptsForDeck(db, 'history')).map((a) => a.id)).toEqual(['a', 'b']);
	});

	it('sends wrong answers to study as Again and counts right answers only when due', async () => {
		const db = await openMeridianDB();
		// "due-card" was studied long ago and is due now; "fresh-card" was studied just now.
		await recordReview(db, DEFAULT_SETTINGS, {
			logId: 's1',
			cardId: 'due-card',
			rating: 4,
			now: MOCK_NOW - 60 * DAY,
			source: 'study'
		});
		await recordReview(db, DEFAULT_SETTINGS, {
			logId: 's2',
			cardId: 'fresh-card',
			rating: 4,
			now: MOCK_NOW - 1000,
			source: 'study'
		});
		const row = attempt([
			['wrong-card', false],
			['due-card', true],
			['fresh-card', true]
		]);
		await finishAttempt(db, DEFAULT_SETTINGS, row, MOCK_NOW);
		const logs = (await db.getAll('reviewLogs')).filter((l) => l.source === 'quiz');
		expect(logs.map((l) => [l.cardId, l.rating]).sort()).toEqual([
			['due-card', 3],
			['wrong-card', 1]
		]);
		expect((await db.get('cardStates', 'wrong-card'))?.state).toBe(State.Learning);
		expect(await db.get('quizAttempts', 'attempt-1')).toEqual(row);

		await finishAttempt(db, DEFAULT_SETTINGS, row, MOCK_NOW + 5000);
		expect((await db.getAll('reviewLogs')).filter((l) => l.source === 'quiz')).toHaveLength(2);
	});

	it('writes nothing (attempt, reviews or submission) when the outbox write fails', async () => {
		const db = await openMeridianDB();
		const row = attempt([
			['wrong-card', false],
			['other-card', false]
		]);
		const store = IDBObjectStore.prototype;
		const put = store.put;
		store.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
			if (this.name === 'outbox') {
				throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
			}
			return put.apply(this, args);
		};
		try {
			const submission = newOutboxItem('ABC2345', { id: row.id }, MOCK_NOW);
			await expect(
				finishAttempt(db, DEFAULT_SETTINGS, row, MOCK_NOW, submission)
			).rejects.toMatchObject({ problem: 'quota' });
		} finally {
			store.put = put;
		}
		expect(await db.count('quizAttempts')).toBe(0);
		expect(await db.count('reviewLogs')).toBe(0);
		expect(await db.count('cardStates')).toBe(0);
		expect(await outboxItems(db)).toEqual([]);
	});

	it('stores an assignment attempt’s submission in the same transaction', async () => {
		const db = await openMeridianDB();
		const row = attempt([['wrong-card', false]]);
		const submission = newOutboxItem('ABC2345', { id: row.id }, MOCK_NOW);
		await finishAttempt(db, DEFAULT_SETTINGS, row, MOCK_NOW, submission);
		expect(await outboxItems(db)).toEqual([submission]);
		expect(await db.count('reviewLogs')).toBe(1);
	});
});
