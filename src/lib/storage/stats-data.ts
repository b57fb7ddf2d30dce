import * as v from 'valibot';
import type { CardState } from '$lib/srs/scheduler';
import { bucketOf, type ReviewSummary } from '$lib/stats/summary';
import { inTransaction, type MeridianDB } from './db';
import type { QuizAttemptRow } from './quiz-attempts';
import { QuizAttemptSchema } from './schemas';
import { loadCardStatesIn } from './study-data';

export interface StatsData {
	/** The review summaries from `since` on (whole quarter hours), oldest first. */
	summaries: ReviewSummary[];
	/** The readable states of the given cards that have one. */
	states: CardState[];
	attempts: QuizAttemptRow[];
}

/**
 * Reads what the statistics page needs in one readonly transaction: a year of review summaries
 * (one small row per quarter hour with reviews, kept by every write, so the cost does not grow
 * with the log), the decks' card states by key (a state left by a card since removed shows in
 * no chart) and the quiz attempts.
 */
export function loadStatsData(
	db: MeridianDB,
	since: number,
	cardIds: readonly string[]
): Promise<StatsData> {
	const scope = ['daySummaries', 'cardStates', 'quizAttempts'] as const;
	return inTransaction(db, [...scope], 'readonly', async (tx) => {
		const [summaries, states, attempts] = await Promise.all([
			tx.objectStore('daySummaries').getAll(IDBKeyRange.lowerBound(bucketOf(since))),
			loadCardStatesIn(tx.objectStore('cardStates'), cardIds),
			tx.objectStore('quizAttempts').getAll()
		]);
		const readable = attempts.filter((a) => v.is(QuizAttemptSchema, a));
		return { summaries, states: [...states.values()], attempts: readable };
	});
}
