import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/srs/scheduler';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { openMeridianDB } from './db';
import { loadCardStates } from './study-data';
import { recordReview } from './reviews';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

describe('loadCardStates', () => {
	it('reads the stored states of the asked cards only, by id', async () => {
		const db = await openMeridianDB();
		const studied = await Promise.all(
			['card-1', 'card-2', 'retired'].map((cardId, i) =>
				recordReview(db, DEFAULT_SETTINGS, {
					logId: `log-${i}`,
					cardId,
					rating: Rating.Good,
					now: MOCK_NOW,
					source: 'study'
				})
			)
		);
		const states = await loadCardStates(db, ['card-1', 'card-2', 'never-studied']);
		expect([...states.keys()].sort()).toEqual(['card-1', 'card-2']);
		expect(states.get('card-1')).toEqual(studied[0]?.state);
	});

	it('is empty for a new student', async () => {
		const db = await openMeridianDB();
		expect((await loadCardStates(db, ['card-1'])).size).toBe(0);
	});
});
