import { describe, expect, it } from 'vitest';
import { reviewedState } from './fixtures';
import { State } from './states';
import { MAX_ANSWER_MS, nextDue, summariseSession } from './summary';

describe('summariseSession', () => {
	it('counts reviews, cards, capped time and the again rate', () => {
		const logs = [
			{ cardId: 'a', rating: 1 as const, durationMs: 8_000 },
			{ cardId: 'b', rating: 3 as const, durationMs: 600_000 },
			{ cardId: 'a', rating: 3 as const, durationMs: 4_000 },
			{ cardId: 'c', rating: 4 as const, durationMs: 3_000 }
		];
		expect(summariseSession(logs)).toEqual({
			reviews: 4,
			cards: 3,
			timeMs: 8_000 + MAX_ANSWER_MS + 4_000 + 3_000,
			againRate: 0.25
		});
	});

	it('has no again rate without reviews', () => {
		expect(summariseSession([])).toEqual({ reviews: 0, cards: 0, timeMs: 0, againRate: null });
	});
});

describe('nextDue', () => {
	it('is the earliest due time of a studied card', () => {
		const states = [
			reviewedState('a', 5, 0),
			reviewedState('b', 2, 0),
			reviewedState('c', 1, 0, { state: State.New })
		];
		expect(nextDue(states)).toBe(2 * 86_400_000);
		expect(nextDue([])).toBeNull();
	});
});
