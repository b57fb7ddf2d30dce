import { Rating, State, type ReviewLogEntry } from '$lib/srs/scheduler';

/**
 * Reviews are summarised per quarter of an hour (UTC). Every time zone's offset is a whole number
 * of quarter hours, so every study day (local, from the student's start-of-day hour, 23 or 25
 * hours long across a clock change) is exactly a run of whole buckets, whatever the settings are
 * now or become later: changing the start hour or the time zone never needs a rebuild.
 */
export const BUCKET_MS = 15 * 60 * 1000;

/** The reviews of one quarter hour, as the summary store keeps them. */
export interface ReviewSummary {
	/** The bucket: `Math.floor(reviewedAt / BUCKET_MS)`. */
	bucket: number;
	reviews: number;
	durationMs: number;
	/** Reviews of cards that had never been studied (the daily new-card limit counts these). */
	newCards: number;
	/**
	 * Per card, the reviews of it while it was in the Review state and how many of those were not
	 * rated Again: what true retention is computed from.
	 */
	recall: Record<string, [reviews: number, passed: number]>;
}

type SummarisedLog = Pick<
	ReviewLogEntry,
	'cardId' | 'rating' | 'reviewedAt' | 'previous' | 'durationMs'
>;

export const bucketOf = (time: number): number => Math.floor(time / BUCKET_MS);
export const bucketStart = (bucket: number): number => bucket * BUCKET_MS;

export const emptySummary = (bucket: number): ReviewSummary => ({
	bucket,
	reviews: 0,
	durationMs: 0,
	newCards: 0,
	recall: {}
});

/** True for a bucket with nothing left in it (every review undone). */
export const isEmptySummary = (s: ReviewSummary): boolean =>
	s.reviews === 0 && s.durationMs === 0 && s.newCards === 0 && Object.keys(s.recall).length === 0;

/** Adds a log to its bucket's summary (`sign` 1), or takes it out again (`sign` -1, an undo). */
export function applyToSummary(summary: ReviewSummary, log: SummarisedLog, sign: 1 | -1): void {
	summary.reviews += sign;
	summary.durationMs += sign * log.durationMs;
	if (!log.previous || log.previous.state === State.New) summary.newCards += sign;
	if (log.previous?.state === State.Review) {
		const tally = summary.recall[log.cardId] ?? [0, 0];
		tally[0] += sign;
		if (log.rating !== Rating.Again) tally[1] += sign;
		if (tally[0] === 0 && tally[1] === 0) delete summary.recall[log.cardId];
		else summary.recall[log.cardId] = tally;
	}
}

/**
 * Applies logs to the summaries in `into` (by bucket), creating the buckets it needs. The same
 * code builds the store in the migration, keeps it on every write and recomputes it in tests.
 */
export function summariseLogs(
	logs: Iterable<SummarisedLog>,
	sign: 1 | -1 = 1,
	into: Map<number, ReviewSummary> = new Map()
): Map<number, ReviewSummary> {
	for (const log of logs) {
		const bucket = bucketOf(log.reviewedAt);
		let summary = into.get(bucket);
		if (!summary) into.set(bucket, (summary = emptySummary(bucket)));
		applyToSummary(summary, log, sign);
	}
	return into;
}

/** Adds `delta` (built by {@link summariseLogs}) to a stored summary, in place. */
export function mergeSummary(summary: ReviewSummary, delta: ReviewSummary): ReviewSummary {
	summary.reviews += delta.reviews;
	summary.durationMs += delta.durationMs;
	summary.newCards += delta.newCards;
	for (const [cardId, [reviews, passed]] of Object.entries(delta.recall)) {
		const tally = summary.recall[cardId] ?? [0, 0];
		tally[0] += reviews;
		tally[1] += passed;
		if (tally[0] === 0 && tally[1] === 0) delete summary.recall[cardId];
		else summary.recall[cardId] = tally;
	}
	return summary;
}

export interface RecallTally {
	reviews: number;
	passed: number;
}

/** Per card, the Review-state reviews and passes summed over `summaries`. */
export function recallByCard(summaries: Iterable<ReviewSummary>): Map<string, RecallTally> {
	const byCard = new Map<string, RecallTally>();
	for (const summary of summaries) {
		for (const [cardId, [reviews, passed]] of Object.entries(summary.recall)) {
			const tally = byCard.get(cardId) ?? { reviews: 0, passed: 0 };
			tally.reviews += reviews;
			tally.passed += passed;
			byCard.set(cardId, tally);
		}
	}
	return byCard;
}
