import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type DB } from './db';
import { hitRateLimit, hitShared, pruneShared, resetRateLimits } from './rate-limit';
import { ENGINES, openAt, testPlace, type TestPlace } from './testing/engines';

const NOW = Date.UTC(2026, 4, 4, 9, 0, 0);

// Two handles on one database stand for two server processes (WORKERS=2): each has its own
// connections, as each process has its own pool or file handle.
describe.each(ENGINES)('rate limits on %s', (engine) => {
	let place: TestPlace;
	let a: DB;
	let b: DB;
	beforeAll(async () => {
		place = await testPlace(engine);
		a = await openAt(place);
		b = await openAt(place);
		await migrate(a);
	});
	afterAll(async () => {
		await a?.destroy();
		await b?.destroy();
		await place?.drop();
	});
	afterEach(() => {
		delete process.env.RATE_LIMIT_CREATE_PER_MIN;
		resetRateLimits();
	});

	it('two handles on one database share one limit per address', async () => {
		process.env.RATE_LIMIT_CREATE_PER_MIN = '3';
		resetRateLimits();
		const hits = [
			await hitRateLimit(a, 'create', '192.0.2.1', NOW),
			await hitRateLimit(b, 'create', '192.0.2.1', NOW + 1_000),
			await hitRateLimit(a, 'create', '192.0.2.1', NOW + 2_000)
		];
		expect(hits).toEqual([0, 0, 0]);
		// The fourth, through either handle, waits for the window that began at NOW.
		expect(await hitRateLimit(b, 'create', '192.0.2.1', NOW + 10_000)).toBe(50);
		expect(await hitRateLimit(a, 'create', '192.0.2.1', NOW + 10_000)).toBe(50);
		expect(await hitRateLimit(b, 'create', '192.0.2.2', NOW + 10_000)).toBe(0);
		// A new window once the minute is over.
		expect(await hitRateLimit(b, 'create', '192.0.2.1', NOW + 60_000)).toBe(0);
	});

	if (engine === 'postgres') {
		it('counts every one of many hits at once from two handles exactly once', async () => {
			const results = await Promise.all(
				Array.from({ length: 40 }, (_, i) => hitShared(i % 2 ? a : b, 'burst', 25, 60_000, NOW + i))
			);
			expect(results.filter((wait) => wait === 0)).toHaveLength(25);
			expect(results.filter((wait) => wait > 0)).toHaveLength(15);
		});

		it('prunes the windows that ended, and only those', async () => {
			await hitShared(a, 'old', 5, 60_000, NOW - 120_000);
			await hitShared(a, 'current', 5, 60_000, NOW - 1_000);
			expect(await pruneShared(b, 60_000, NOW)).toBeGreaterThanOrEqual(1);
			const keys = (await a.selectFrom('rate_limits').select('key').execute()).map((r) => r.key);
			expect(keys).toContain('current');
			expect(keys).not.toContain('old');
		});
	}
});
