import { describe, expect, it } from 'vitest';
import { seedFrom, seededRandom, shuffle } from './random';

describe('seeded shuffle', () => {
	const items = Array.from({ length: 20 }, (_, i) => i);
	it('gives the same order for the same seed and keeps every item', () => {
		const a = shuffle(items, seededRandom(seedFrom('card-1')));
		expect(shuffle(items, seededRandom(seedFrom('card-1')))).toEqual(a);
		expect([...a].sort((x, y) => x - y)).toEqual(items);
	});
	it('gives different orders for different seeds', () => {
		expect(shuffle(items, seededRandom(1))).not.toEqual(shuffle(items, seededRandom(2)));
	});
});
