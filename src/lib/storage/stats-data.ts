import type { CardState, ReviewLogEntry } from '$lib/srs/scheduler';
import type { MeridianDB } from './db';
import type { QuizAttemptRow } from './quiz-attempts';

export interface StatsData {
	/** Reviews in each of the given day ranges, in the same order. */
	reviewCounts: number[];
	/** Every review since `recentSince`, oldest first. */
	recentLogs: ReviewLogEntry[];
	/** The states of the given cards that have one. */
	states: CardState[];
	attempts: QuizAttemptRow[];
}

/**
 * Reads what the statistics page needs in one readonly transaction, through indexes. A year of
 * reviews is counted per day on the byTime index without reading the rows (reading 200,000 rows
 * takes seconds); only the recent ones, which retention and time studied need, are read whole.
 * States are read by key for the decks' cards only: a state left by a card since removed from the
 * decks shows in no chart, and reading 10,000 of them costs about 100 ms.
 */
export async function loadStatsData(
	db: MeridianDB,
	days: readonly { start: number; end: number }[],
	recentSince: number,
	cardIds: readonly string[]
): Promise<StatsData> {
	const tx = db.transaction(['reviewLogs', 'cardStates', 'quizAttempts'], 'readonly');
	const byTime = tx.objectStore('reviewLogs').index('byTime');
	const [reviewCounts, recentLogs, states, attempts] = await Promise.all([
		Promise.all(days.map((d) => byTime.count(IDBKeyRange.bound(d.start, d.end, false, true)))),
		byTime.getAll(IDBKeyRange.lowerBound(recentSince)),
		Promise.all(cardIds.map((id) => tx.objectStore('cardStates').get(id))),
		tx.objectStore('quizAttempts').getAll() as Promise<QuizAttemptRow[]>
	]);
	await tx.done;
	return {
		reviewCounts,
		recentLogs,
		states: states.filter((s) => s !== undefined),
		attempts
	};
}
