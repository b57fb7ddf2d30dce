import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { openMeridianDB } from './db';
import { attemptsForDeck, type QuizAttemptRow } from './quiz-attempts';
import { findUnreadable, repairStorage } from './repair';
import { recordReview } from './reviews';
import { loadStudySnapshot } from './study-data';
import { recomputeSummaries } from './summaries';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

const partial: QuizAttemptRow = {
	id: 'partial',
	deckId: 'history',
	seed: 1,
	cardIds: ['card-1'],
	feedback: 'end',
	passMark: 0.7,
	startedAt: MOCK_NOW,
	finishedAt: null,
	answers: [
		{ cardId: 'card-9', response: null, score: 1, correct: true, answeredAt: MOCK_NOW },
		{ cardId: 'card-1', response: null, score: 1, correct: true, answeredAt: MOCK_NOW }
	],
	percent: null,
	passed: null,
	retryOf: null
};

describe('unreadable rows', () => {
	it('are skipped by study and quiz reads, named by the check and fixed by the repair', async () => {
		const db = await openMeridianDB();
		const { state } = await recordReview(db, DEFAULT_SETTINGS, {
			logId: 'log-1',
			cardId: 'card-1',
			rating: Rating.Good,
			now: MOCK_NOW,
			source: 'study'
		});
		await db.put('cardStates', { ...state, cardId: 'card-2', stability: -5, difficulty: 100 });
		await db.put('cardStates', { ...state, cardId: 'card-3', due: 'soon' as never });
		await db.put('quizAttempts', partial);
		await db.put('reviewLogs', { id: 'hand', cardId: 'card-1', rating: 9 } as never);

		const snapshot = await loadStudySnapshot(db, ['card-1', 'card-2', 'card-3'], 0, MOCK_NOW);
		expect([...snapshot.seen]).toEqual(['card-1']);
		expect(await attemptsForDeck(db, 'history')).toEqual([]);
		// Rating a card whose state is unreadable starts it afresh instead of failing.
		const fresh = await recordReview(db, DEFAULT_SETTINGS, {
			logId: 'log-2',
			cardId: 'card-2',
			rating: Rating.Good,
			now: MOCK_NOW,
			source: 'study'
		});
		expect(fresh.log.previous).toBeNull();
		await db.put('cardStates', { ...state, cardId: 'card-2', stability: -5, difficulty: 100 });

		const found = await findUnreadable(db);
		expect(found.map((r) => [r.store, r.key, r.field])).toEqual([
			['cardStates', 'card-2', 'stability'],
			['cardStates', 'card-3', 'due'],
			['reviewLogs', 'hand', 'rating'],
			['quizAttempts', 'partial', 'answers']
		]);

		expect(await repairStorage(db)).toEqual({
			statesRepaired: 1,
			statesRemoved: 1,
			attemptsRemoved: 1,
			logsRemoved: 1,
			classesRepaired: 0,
			classesRemoved: 0
		});
		expect(await findUnreadable(db)).toEqual([]);
		const repaired = await db.get('cardStates', 'card-2');
		expect(repaired).toMatchObject({ stability: 0.001, difficulty: 10 });
		expect(await db.get('cardStates', 'card-1')).toEqual(state);
		expect(await db.count('reviewLogs')).toBe(2);
		expect([...(await recomputeSummaries(db)).values()]).toEqual(await db.getAll('daySummaries'));
	});
});
