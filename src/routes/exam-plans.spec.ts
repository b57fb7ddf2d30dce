import { describe, expect, it } from 'vitest';
import type { Card, DeckSummary } from '$lib/decks/types';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { openMeridianDB } from '$lib/storage/db';
import { recordReview } from '$lib/storage/reviews';
import { loadExamPlans } from './exam-plans';

// Local time: Monday 30 November 2026, 10 am.
const NOW = new Date(2026, 10, 30, 10).getTime();

const card = (id: string, section: 'history' | 'collaboration', tags: string[] = []): Card => ({
	id,
	type: 'basic',
	section,
	tags,
	prompt: `Prompt ${id}`,
	answer: `Answer ${id}`,
	explanation: '',
	source: { section, quote: 'a quote' },
	generated: false,
	hash: id
});
const summary = (id: string, kind: DeckSummary['kind']): DeckSummary => ({
	id,
	title: `Deck ${id}`,
	description: '',
	kind,
	cardCount: 0,
	hash: id
});

const CARDS = [
	card('h1', 'history', ['energy']),
	card('h2', 'history'),
	card('s1', 'collaboration', ['energy'])
];
const DECKS = [
	summary('history', 'section'),
	summary('collaboration', 'section'),
	summary('energy', 'theme')
];

describe('loadExamPlans', () => {
	it('forecasts each dated deck from the whole-essay cards, soonest first, skipping gone decks', async () => {
		const db = await openMeridianDB();
		await recordReview(db, DEFAULT_SETTINGS, {
			logId: 'l1',
			cardId: 'h1',
			rating: Rating.Easy,
			now: NOW - 60_000,
			source: 'study'
		});
		const settings = {
			...DEFAULT_SETTINGS,
			examDates: { energy: '2026-12-01', history: '2026-11-20', retired: '2026-12-02' }
		};
		const plans = await loadExamPlans(db, settings, DECKS, CARDS, NOW);
		expect(plans.map((p) => [p.deckId, p.title, p.timing.status])).toEqual([
			['history', 'Deck history', 'past'],
			['energy', 'Deck energy', 'upcoming']
		]);
		expect(plans[0]!.forecast).toBeNull();
		// The theme's cards are h1 (studied: Easy holds above 90 % tomorrow) and s1 (never studied).
		expect(plans[1]!.forecast).toEqual({ total: 2, below: 1, neverStudied: 1 });
	});

	it('reads nothing when no exam date is set', async () => {
		const db = await openMeridianDB();
		expect(await loadExamPlans(db, DEFAULT_SETTINGS, DECKS, CARDS, NOW)).toEqual([]);
	});
});
