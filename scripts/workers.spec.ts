import { describe, expect, it } from 'vitest';
import { parseWorkers, restartDelay } from './workers.js';

describe('parseWorkers', () => {
	it('reads one process by default, a count, or one per core', () => {
		expect(parseWorkers(undefined, 8)).toBe(1);
		expect(parseWorkers('', 8)).toBe(1);
		expect(parseWorkers('4', 8)).toBe(4);
		expect(parseWorkers(' 2 ', 8)).toBe(2);
		expect(parseWorkers('auto', 6)).toBe(6);
	});

	it('refuses anything else, naming the value', () => {
		for (const bad of ['0', '-1', '1.5', 'two', '65', '2x']) {
			const result = parseWorkers(bad, 8);
			expect(result).toBeInstanceOf(Error);
			expect((result as Error).message).toContain(`"${bad}"`);
		}
	});
});

describe('restartDelay', () => {
	it('restarts at once after a rare death', () => {
		expect(restartDelay([1_000], 1_000)).toBe(0);
		expect(restartDelay([1_000, 2_000, 3_000], 3_000)).toBe(0);
	});

	it('backs off while workers keep dying, up to 30 s', () => {
		expect(restartDelay([1, 2, 3, 4], 4)).toBe(1_000);
		expect(restartDelay([1, 2, 3, 4, 5], 5)).toBe(2_000);
		expect(
			restartDelay(
				Array.from({ length: 20 }, (_, i) => i),
				20
			)
		).toBe(30_000);
	});

	it('forgets deaths older than a minute', () => {
		const deaths = [0, 1, 2, 3, 70_000];
		expect(restartDelay(deaths, 70_000)).toBe(0);
		expect(deaths).toEqual([70_000]);
	});
});
