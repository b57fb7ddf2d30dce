import * as v from 'valibot';
import type { CardState } from '$lib/srs/scheduler';
import type { StudySettings } from '$lib/srs/settings';
import type { BucketRow, RecallRow } from '$lib/stats/summary';
import type { MeridianDB } from './db';
import type { QuizAttemptRow } from './quiz-attempts';
import { QuizAttemptSchema } from './schemas';
import { settingsIn } from './settings';
import { getAcrossKeys, loadCardStatesAcross, readTogether } from './study-data';
import { bucketsFrom } from './summaries';

export interface StatsData {
	settings: StudySettings;
	/** The quarter hours' review counts from `since` on (whole quarter hours), oldest first. */
	summaries: BucketRow[];
	/** The recall rows of the given cards that have one (every bucket; the charts pick theirs). */
	recall: RecallRow[];
	/** The readable states of the given cards that have one. */
	states: CardState[];
	attempts: QuizAttemptRow[];
}

/**
 * Reads what the statistics page needs in one readonly transaction, every request asked at once:
 * the settings, the quarter hours' counts from `since` on (one small row each, kept by every
 * write, in one `getAll` over their key range), the decks' cards' recall rows and states (each in
 * one `getAll` from the decks' first card id to their last, the rows of cards since removed from
 * the decks dropped in memory, so such a card shows in no chart) and the quiz attempts. One
 * answer each, where reading the keys first and then the rows took two (issue 18: the states'
 * and recall rows' read took half as long). Nothing read grows with the log except each card's
 * short recall row, nor with states stored outside the decks' range of ids.
 *
 * `onHistory`, when given, is told first whether there is anything to chart (a review since
 * `since`, or a quiz attempt): its two requests are asked before the others, so their answers
 * come before the card states' (requests are answered in the order they are made), and the
 * statistics page fetches its charts' code while the rest of the read is answered (issue 18).
 */
export function loadStatsData(
	db: MeridianDB,
	since: number,
	cardIds: readonly string[],
	onHistory?: (found: boolean) => void
): Promise<StatsData> {
	const scope = ['settings', 'daySummaries', 'cardStates', 'quizAttempts'] as const;
	return readTogether(db, [...scope], async (tx) => {
		const summaries = tx.objectStore('daySummaries');
		const probe = onHistory
			? Promise.all([
					summaries.getKey(bucketsFrom(since)),
					tx.objectStore('quizAttempts').count()
				]).then(([bucket, attempts]) => onHistory(bucket !== undefined || attempts > 0))
			: undefined;
		const [settings, buckets, recall, states, attempts] = await Promise.all([
			settingsIn(tx.objectStore('settings')),
			summaries.getAll(bucketsFrom(since)) as Promise<BucketRow[]>,
			// The recall rows are keyed by card id, after every bucket's (number) key: the range
			// between the decks' first and last card ids holds no bucket's row.
			getAcrossKeys(summaries, cardIds, (row) => row.key) as Promise<RecallRow[]>,
			loadCardStatesAcross(tx.objectStore('cardStates'), cardIds),
			tx.objectStore('quizAttempts').getAll()
		]);
		await probe;
		const readable = attempts.filter((a) => v.is(QuizAttemptSchema, a));
		return {
			settings,
			summaries: buckets,
			recall,
			states: [...states.values()],
			attempts: readable
		};
	});
}
