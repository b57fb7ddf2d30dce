import type { CardState, ReviewLogEntry } from '$lib/srs/scheduler';
import type { MeridianDB } from './db';
import type { QuizAttemptRow } from './quiz-attempts';

const RECENT_PARTS = 4;

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
	cardIds: readonly string[],
	now: number
): Promise<StatsData> {
	const tx = db.transaction(['reviewLogs', 'cardStates', 'quizAttempts'], 'readonly');
	const byTime = tx.objectStore('reviewLogs').index('byTime');
	// The recent reviews come as four consecutive time slices requested together: the browser
	// reads one while the page deserialises the one before, faster than one getAll.
	const slice = (now - recentSince) / RECENT_PARTS;
	const parts = slice > 0 ? RECENT_PARTS : 1;
	const recentRanges = Array.from({ length: parts }, (_, i) =>
		i === parts - 1
			? IDBKeyRange.lowerBound(recentSince + i * slice)
			: IDBKeyRange.bound(recentSince + i * slice, recentSince + (i + 1) * slice, false, true)
	);
	const [reviewCounts, recentParts, states, attempts] = await Promise.all([
		Promise.all(days.map((d) => byTime.count(IDBKeyRange.bound(d.start, d.end, false, true)))),
		Promise.all(recentRanges.map((range) => byTime.getAll(range))),
		Promise.all(cardIds.map((id) => tx.objectStore('cardStates').get(id))),
		tx.objectStore('quizAttempts').getAll()
	]);
	await tx.done;
	return {
		reviewCounts,
		recentLogs: recentParts.flat(),
		states: states.filter((s) => s !== undefined),
		attempts
	};
}
