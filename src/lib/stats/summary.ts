import { Rating, State, type ReviewLogEntry } from '$lib/srs/states';

/**
 * Reviews are summarised per quarter of an hour (UTC). Every time zone's offset is a whole number
 * of quarter hours, so every study day (local, from the student's start-of-day hour, 23 or 25
 * hours long across a clock change) is exactly a run of whole buckets, whatever the settings are
 * now or become later: changing the start hour or the time zone never needs a rebuild.
 */
export const BUCKET_MS = 15 * 60 * 1000;

/**
 * The reviews of one quarter hour, as a write adds them to (or an undo takes them out of) the
 * summary store: a delta, never stored in this shape (see {@link BucketRow} and {@link RecallRow}).
 */
export interface ReviewSummary {
	/** The bucket: `Math.floor(reviewedAt / BUCKET_MS)`. */
	bucket: number;
	reviews: number;
	durationMs: number;
	/** Per card, its reviews while it had never been studied (the daily new-card limits). */
	newCards: Record<string, number>;
	/**
	 * Per card, the reviews of it while it was in the Review state and how many of those were not
	 * rated Again: what true retention is computed from.
	 */
	recall: Record<string, [reviews: number, passed: number]>;
}

/**
 * A stored row of one quarter hour's counts (key: the bucket, a number). Small and fixed in size,
 * so a year of them reads in one `getAll` whatever the log holds.
 */
export interface BucketRow {
	key: number;
	reviews: number;
	durationMs: number;
	/** The cards first studied in the bucket, sorted (a card twice if it was reset and new again). */
	newCardIds: string[];
}

/**
 * A stored row of one card's Review-state reviews (key: the card's id, a string: IndexedDB orders
 * every number before every string, so the buckets' rows and the cards' never share a range).
 * `tallies` holds `bucket, reviews, passed` triples in bucket order, one per bucket with such a
 * review: the card's recall is kept once, not repeated in every bucket's row.
 */
export interface RecallRow {
	key: string;
	tallies: number[];
}

export type SummaryRow = BucketRow | RecallRow;

export const isBucketRow = (row: SummaryRow): row is BucketRow => typeof row.key === 'number';

/** Stored rows by kind: the buckets' counts and the cards' recall. */
export function splitRows(rows: readonly SummaryRow[]): {
	buckets: BucketRow[];
	recall: RecallRow[];
} {
	const buckets: BucketRow[] = [];
	const recall: RecallRow[] = [];
	for (const row of rows) {
		if (isBucketRow(row)) buckets.push(row);
		else recall.push(row);
	}
	return { buckets, recall };
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
	newCards: {},
	recall: {}
});

/** Adds `by` to the tally of `key` in `record`, dropping a tally left at zero. */
function addTo<T extends number | [number, number]>(
	record: Record<string, T>,
	key: string,
	by: T
): void {
	if (typeof by === 'number') {
		const sum = ((record[key] as number | undefined) ?? 0) + by;
		if (sum === 0) delete record[key];
		else record[key] = sum as T;
		return;
	}
	const [reviews, passed] = (record[key] as [number, number] | undefined) ?? [0, 0];
	const sum: [number, number] = [reviews + by[0], passed + by[1]];
	if (sum[0] === 0 && sum[1] === 0) delete record[key];
	else record[key] = sum as T;
}

/** Adds a log to its bucket's summary (`sign` 1), or takes it out again (`sign` -1, an undo). */
export function applyToSummary(summary: ReviewSummary, log: SummarisedLog, sign: 1 | -1): void {
	summary.reviews += sign;
	summary.durationMs += sign * log.durationMs;
	if (!log.previous || log.previous.state === State.New) addTo(summary.newCards, log.cardId, sign);
	if (log.previous?.state === State.Review) {
		addTo(summary.recall, log.cardId, [sign, log.rating === Rating.Again ? 0 : sign]);
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

/** A change to one card's recall: `bucket, reviews, passed` triples, as a recall row keeps them. */
export type RecallChange = number[];

/** Per card, the change `delta` (summaries by bucket) makes to its recall row, in one pass. */
export function recallChanges(delta: Iterable<ReviewSummary>): Map<string, RecallChange> {
	const byCard = new Map<string, RecallChange>();
	for (const summary of delta) {
		for (const [cardId, [reviews, passed]] of Object.entries(summary.recall)) {
			let change = byCard.get(cardId);
			if (!change) byCard.set(cardId, (change = []));
			change.push(summary.bucket, reviews, passed);
		}
	}
	return byCard;
}

/**
 * A bucket's stored row with `delta` added: a new row, or null when nothing is left in it (every
 * review undone), which the store deletes.
 */
export function mergeBucketRow(row: BucketRow | undefined, delta: ReviewSummary): BucketRow | null {
	const reviews = (row?.reviews ?? 0) + delta.reviews;
	const durationMs = (row?.durationMs ?? 0) + delta.durationMs;
	const counts: Record<string, number> = {};
	for (const cardId of row?.newCardIds ?? []) addTo(counts, cardId, 1);
	for (const [cardId, n] of Object.entries(delta.newCards)) addTo(counts, cardId, n);
	const newCardIds: string[] = [];
	for (const [cardId, n] of Object.entries(counts)) {
		for (let i = 0; i < n; i++) newCardIds.push(cardId);
	}
	newCardIds.sort();
	if (reviews === 0 && durationMs === 0 && newCardIds.length === 0) return null;
	return { key: delta.bucket, reviews, durationMs, newCardIds };
}

/**
 * A card's stored recall row with `change` (see {@link recallChanges}) added: a new row, or null
 * when no tally is left, which the store deletes.
 */
export function mergeRecallRow(
	cardId: string,
	row: RecallRow | undefined,
	change: RecallChange
): RecallRow | null {
	const byBucket = new Map<number, [number, number]>();
	for (const tallies of [row?.tallies ?? [], change]) {
		for (let i = 0; i + 2 < tallies.length; i += 3) {
			const bucket = tallies[i]!;
			const [reviews, passed] = byBucket.get(bucket) ?? [0, 0];
			const sum: [number, number] = [reviews + tallies[i + 1]!, passed + tallies[i + 2]!];
			if (sum[0] === 0 && sum[1] === 0) byBucket.delete(bucket);
			else byBucket.set(bucket, sum);
		}
	}
	if (byBucket.size === 0) return null;
	const merged: number[] = [];
	for (const bucket of [...byBucket.keys()].sort((x, y) => x - y)) {
		merged.push(bucket, ...byBucket.get(bucket)!);
	}
	return { key: cardId, tallies: merged };
}

/**
 * The stored rows that summaries by bucket come to on an empty store, in the store's key order
 * (buckets ascending, then card ids): what the store must equal after any writes of the same log.
 */
export function summaryRows(summaries: ReadonlyMap<number, ReviewSummary>): SummaryRow[] {
	const ordered = [...summaries.values()].sort((a, b) => a.bucket - b.bucket);
	const buckets = ordered.flatMap((s) => mergeBucketRow(undefined, s) ?? []);
	const changes = recallChanges(ordered);
	const cards = [...changes.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const recall = cards.flatMap((id) => mergeRecallRow(id, undefined, changes.get(id)!) ?? []);
	return [...buckets, ...recall];
}

export interface RecallTally {
	reviews: number;
	passed: number;
}

/**
 * Per card, the Review-state reviews and passes in buckets `from` (included) to `to` (excluded),
 * from the cards' recall rows.
 */
export function recallByCard(
	rows: Iterable<RecallRow>,
	from = -Infinity,
	to = Infinity
): Map<string, RecallTally> {
	const byCard = new Map<string, RecallTally>();
	for (const { key, tallies } of rows) {
		let reviews = 0;
		let passed = 0;
		for (let i = 0; i + 2 < tallies.length; i += 3) {
			const bucket = tallies[i]!;
			if (bucket < from || bucket >= to) continue;
			reviews += tallies[i + 1]!;
			passed += tallies[i + 2]!;
		}
		if (reviews !== 0 || passed !== 0) byCard.set(key, { reviews, passed });
	}
	return byCard;
}
