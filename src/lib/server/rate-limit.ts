import { sql } from 'kysely';
import { engineOf, getDatabase, hotQuery, type DB } from './db';
import { ApiError } from './http';

// Limits per client address per minute. On PostgreSQL every process counts in one UNLOGGED table
// (rate_limits, migration "shared rate limits"), so N processes allow the limit once, not N times.
// On SQLite the counters are in each process's memory: WORKERS=N on one SQLite file allows up to
// N times each limit (docs/api.md), because counting in the file would take its write lock, and
// an fsync, on every request.

const MINUTE = 60_000;

/** A fixed-window counter per key: at most `limit` hits per key in each `windowMs`. */
export class RateLimiter {
	readonly #windows = new Map<string, { start: number; count: number }>();

	constructor(
		readonly limit: number,
		readonly windowMs = MINUTE
	) {}

	/** Counts a hit; returns 0 when allowed, else the seconds until the key may try again. */
	hit(key: string, now: number): number {
		if (this.#windows.size > 10_000) this.#prune(now);
		let window = this.#windows.get(key);
		if (!window || now - window.start >= this.windowMs) {
			window = { start: now, count: 0 };
			this.#windows.set(key, window);
		}
		if (window.count >= this.limit) {
			return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
		}
		window.count++;
		return 0;
	}

	#prune(now: number): void {
		for (const [key, window] of this.#windows) {
			if (now - window.start >= this.windowMs) this.#windows.delete(key);
		}
	}
}

/**
 * Counts a hit on `key` in the database's shared counter: one atomic upsert that starts a new
 * window when the stored one has ended and returns the row as it now is. Returns 0 when allowed,
 * else the seconds until the key may try again.
 */
export async function hitShared(
	db: DB,
	key: string,
	limit: number,
	windowMs: number,
	now: number
): Promise<number> {
	const [row] = await upsertHit(db, { key, now, ended: now - windowMs });
	if (!row) throw new Error('the rate limit upsert returned no row');
	if (Number(row.count) <= limit) return 0;
	return Math.max(1, Math.ceil((Number(row.window_start) + windowMs - now) / 1000));
}

const upsertHit = hotQuery(
	['key', 'now', 'ended'],
	(db, a: { key: string; now: number; ended: number }) =>
		db
			.insertInto('rate_limits')
			.values({ key: a.key, window_start: a.now, count: 1 })
			.onConflict((oc) =>
				oc.column('key').doUpdateSet({
					window_start: sql<number>`CASE WHEN rate_limits.window_start <= ${a.ended} THEN ${a.now} ELSE rate_limits.window_start END`,
					count: sql<number>`CASE WHEN rate_limits.window_start <= ${a.ended} THEN 1 ELSE rate_limits.count + 1 END`
				})
			)
			.returning(['window_start', 'count'])
			.compile()
);

/** Deletes the shared counters whose window ended before `now - windowMs`; returns how many. */
export async function pruneShared(db: DB, windowMs: number, now: number): Promise<number> {
	const result = await db
		.deleteFrom('rate_limits')
		.where('window_start', '<=', now - windowMs)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

function perMinute(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * The API's actions that are limited per client address. `results`: reading results or the CSV;
 * `key`: a wrong or missing instructor key (or an unknown code), counted only when one fails;
 * `transfer` and `transferFetch`: making and fetching a device transfer.
 */
export type LimitedAction =
	'create' | 'join' | 'submit' | 'results' | 'key' | 'transfer' | 'transferFetch';

let limiters: Record<LimitedAction, RateLimiter> | undefined;
/** A prefix of the shared keys: resetRateLimits changes it, so a test counts afresh. */
let generation = '';
let lastPrune = 0;

/**
 * Limits per minute per client address, from the environment. A class of 300 behind one school
 * address joins and submits within a minute, with retries: 600 joins and 1,200 submissions leave
 * room for twice that.
 */
function getLimiters(): Record<LimitedAction, RateLimiter> {
	limiters ??= {
		create: new RateLimiter(perMinute('RATE_LIMIT_CREATE_PER_MIN', 30)),
		join: new RateLimiter(perMinute('RATE_LIMIT_JOIN_PER_MIN', 600)),
		submit: new RateLimiter(perMinute('RATE_LIMIT_SUBMIT_PER_MIN', 1200)),
		// A dashboard polls every 20 s: 3 a minute. 240 leave room for 80 open dashboards behind
		// one school address.
		results: new RateLimiter(perMinute('RATE_LIMIT_RESULTS_PER_MIN', 240)),
		key: new RateLimiter(perMinute('RATE_LIMIT_KEY_FAILURES_PER_MIN', 10)),
		// Device transfers: a student moves a few times a year; a class may set up phones together.
		transfer: new RateLimiter(perMinute('RATE_LIMIT_TRANSFER_PER_MIN', 10)),
		transferFetch: new RateLimiter(perMinute('RATE_LIMIT_TRANSFER_FETCH_PER_MIN', 60))
	};
	return limiters;
}

/**
 * Counts a hit of `action` from `address` against `db`'s counters (shared on PostgreSQL, this
 * process's on SQLite); returns 0 when allowed, else the seconds to wait.
 */
export async function hitRateLimit(
	db: DB,
	action: LimitedAction,
	address: string,
	now: number
): Promise<number> {
	const limiter = getLimiters()[action];
	if (engineOf(db) !== 'postgres') return limiter.hit(address, now);
	if (now - lastPrune >= limiter.windowMs) {
		lastPrune = now;
		await pruneShared(db, limiter.windowMs, now);
	}
	return hitShared(db, `${generation}${action}:${address}`, limiter.limit, limiter.windowMs, now);
}

/**
 * Counts a request against the server's database; throws a 429 {@link ApiError} with
 * Retry-After when over the limit.
 */
export async function enforceRateLimit(
	action: LimitedAction,
	address: string,
	now: number
): Promise<void> {
	const retryAfter = await hitRateLimit(await getDatabase(), action, address, now);
	if (retryAfter > 0) {
		throw new ApiError(429, `too many requests from this address; retry in ${retryAfter} s`, {
			'retry-after': String(retryAfter)
		});
	}
}

/**
 * Forgets all counters and re-reads the limits from the environment (for tests). The shared
 * counters are not deleted: new keys are used, and the old rows expire with their window.
 */
export function resetRateLimits(): void {
	limiters = undefined;
	generation = `${Math.random().toString(36).slice(2)}:`;
}
