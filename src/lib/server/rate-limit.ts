import { ApiError } from './http';

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

function perMinute(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The API's actions that are limited per client address. */
export type LimitedAction = 'create' | 'join' | 'submit' | 'transfer' | 'transferFetch';

let limiters: Record<LimitedAction, RateLimiter> | undefined;

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
		// Device transfers: a student moves a few times a year; a class may set up phones together.
		transfer: new RateLimiter(perMinute('RATE_LIMIT_TRANSFER_PER_MIN', 10)),
		transferFetch: new RateLimiter(perMinute('RATE_LIMIT_TRANSFER_FETCH_PER_MIN', 60))
	};
	return limiters;
}

/** Counts a request; throws a 429 {@link ApiError} with Retry-After when over the limit. */
export function enforceRateLimit(action: LimitedAction, address: string, now: number): void {
	const retryAfter = getLimiters()[action].hit(address, now);
	if (retryAfter > 0) {
		throw new ApiError(429, `too many requests from this address; retry in ${retryAfter} s`, {
			'retry-after': String(retryAfter)
		});
	}
}

/** Forgets all counters and re-reads the limits from the environment (for tests). */
export function resetRateLimits(): void {
	limiters = undefined;
}
