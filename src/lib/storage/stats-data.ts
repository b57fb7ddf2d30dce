import type { CardState, ReviewLogEntry } from '$lib/srs/scheduler';
import type { MeridianDB } from './db';
import type { QuizAttemptRow } from './quiz-attempts';

export interface StatsData {
	/** Reviews in each of the given day ranges, in the same order. */
	reviewCounts: number[];
	/** Every review since `recentSince`, oldest first. */
	recentLogs: ReviewLogEntry[];
	states: CardState[];
	attempts: QuizAttemptRow[];
}

/**
 * Reads what the statistics page needs in one readonly transaction, through indexes. A year of
 * reviews is counted per day on the byTime index without reading the rows (reading 200,000 rows
 * takes seconds); only the recent ones, which retention and time studied need, are read whole.
 */
export async function loadStatsData(
	db: MeridianDB,
	days: readonly { start: number; end: number }[],
	recentSince: number
): Promise<StatsData> {
	const tx = db.transaction(['reviewLogs', 'cardStates', 'quizAttempts'], 'readonly');
	const byTime = tx.objectStore('reviewLogs').index('byTime');
	const [reviewCounts, recentLogs, states, attempts] = await Promise.all([
		Promise.all(days.map((d) => byTime.count(IDBKeyRange.bound(d.start, d.end, false, true)))),
		byTime.getAll(IDBKeyRange.lowerBound(recentSince)),
		tx.objectStore('cardStates').getAll(),
		tx.objectStore('quizAttempts').getAll() as Promise<QuizAttemptRow[]>
	]);
	await tx.done;
	return { reviewCounts, recentLogs, states, attempts };
}
