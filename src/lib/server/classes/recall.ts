import { sql, type RawBuilder } from 'kysely';
import { computeDecayFactor, default_w } from 'ts-fsrs';

// Predicted recall in SQL: ts-fsrs's FSRS-6 forgetting curve (the one src/lib/srs/recall.ts uses
// for a student's own map), R = (1 + factor * days / stability) ^ decay, computed by the database
// over review_progress rows at the clock passed in, so a dashboard aggregates without loading
// every card's state. POWER exists on PostgreSQL and in better-sqlite3's SQLite (math functions).

const DAY_MS = 24 * 60 * 60 * 1000;
export const { decay: RECALL_DECAY, factor: RECALL_FACTOR } = computeDecayFactor(default_w);

/** The pure form of the same curve, for tests and small lists (null: never studied). */
export function recallOf(
	row: { stability: number; last_review: number | null; state: number },
	now: number
): number | null {
	if (row.state === 0 || row.last_review === null || row.stability <= 0) return null;
	const days = Math.max(0, now - row.last_review) / DAY_MS;
	return Math.pow(1 + (RECALL_FACTOR * days) / row.stability, RECALL_DECAY);
}

const double = (n: number) => sql`CAST(${n} AS DOUBLE PRECISION)`;

/** Whether a review_progress row (alias `p`) has a memory to predict: the SQL of recallOf's test. */
export const studiedSql = sql`(p.last_review IS NOT NULL AND p.state <> 0 AND p.stability > 0)`;

/** The recall of review_progress row `p` at `now`, NULL when never studied. */
export function recallSql(now: number): RawBuilder<number | null> {
	const elapsed = sql`CASE WHEN CAST(${now} AS BIGINT) > p.last_review THEN CAST(CAST(${now} AS BIGINT) - p.last_review AS DOUBLE PRECISION) ELSE 0 END`;
	return sql<
		number | null
	>`CASE WHEN ${studiedSql} THEN POWER(1 + ${double(RECALL_FACTOR)} * (${elapsed}) / ${double(DAY_MS)} / p.stability, ${double(RECALL_DECAY)}) END`;
}
