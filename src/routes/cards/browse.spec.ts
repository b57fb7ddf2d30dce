import { describe, expect, it } from 'vitest';
import { mcqCard, typedCard } from '$lib/quiz/fixtures';
import type { Card, DeckSummary } from '$lib/decks/types';
import { reviewedState } from '$lib/srs/fixtures';
import type { CardMark } from '$lib/srs/marks';
import { State } from '$lib/srs/states';
import { activeFilters, browseCards, cardText, NO_FILTER, type BrowseFilter } from './browse';

const NOW = Date.UTC(2026, 0, 5, 12);
const cards: Card[] = [
	{ ...typedCard('Shanghai Cooperation Organisation', [], 'sco-1'), tags: ['sco'] },
	{ ...mcqCard(['Gazprom', 'Rosneft', 'Lukoil'], 'energy-1'), tags: ['energy'] },
	{ ...typedCard('Xi Jinping', [], 'people-1'), section: 'conclusion', tags: ['people'] },
	{ ...typedCard('Kazakhstan', [], 'geo-1'), prompt: 'Which state borders the Fergana Valley?' }
];
const index = new Map(cards.map((c) => [c.id, cardText(c)]));
const decks: DeckSummary[] = [
	{ id: 'all', title: 'All', description: '', kind: 'all', cardCount: 4, hash: '' },
	{ id: 'history', title: 'History', description: '', kind: 'section', cardCount: 3, hash: '' },
	{ id: 'energy', title: 'Energy', description: '', kind: 'theme', cardCount: 1, hash: '' }
];
const mark = (cardId: string, fields: Partial<CardMark>): CardMark => ({
	cardId,
	suspended: false,
	buriedUntil: null,
	flag: null,
	updatedAt: NOW,
	...fields
});
const states = new Map([
	['sco-1', reviewedState('sco-1', 3, NOW - 86_400_000)],
	['energy-1', reviewedState('energy-1', 1, NOW, { state: State.Relearning })]
]);
const marks = new Map([
	['energy-1', mark('energy-1', { suspended: true, flag: 'red' })],
	['people-1', mark('people-1', { buriedUntil: NOW + 1000, flag: 'blue' })]
]);
const find = (filter: Partial<BrowseFilter>) =>
	browseCards(cards, index, decks, { ...NO_FILTER, ...filter }, states, marks, NOW).map(
		(c) => c.id
	);

describe('the card browser’s search', () => {
	it('finds every word in any order, ignoring case and accents, in prompts, answers and choices', () => {
		expect(find({ text: 'organisation shanghai' })).toEqual(['sco-1']);
		expect(find({ text: 'ROSNEFT' })).toEqual(['energy-1']);
		expect(find({ text: 'fergána' })).toEqual(['geo-1']);
		expect(find({ text: 'shanghai rosneft' })).toEqual([]);
		expect(find({})).toEqual(cards.map((c) => c.id));
	});

	it('filters by deck (section or theme), card type, state and flag', () => {
		expect(find({ deck: 'history' })).toEqual(['sco-1', 'energy-1', 'geo-1']);
		expect(find({ deck: 'energy' })).toEqual(['energy-1']);
		expect(find({ type: 'mcq' })).toEqual(['energy-1']);
		expect(find({ state: 'review' })).toEqual(['sco-1']);
		expect(find({ state: 'relearning' })).toEqual(['energy-1']);
		expect(find({ state: 'new' })).toEqual(['people-1', 'geo-1']);
		expect(find({ state: 'suspended' })).toEqual(['energy-1']);
		expect(find({ state: 'buried' })).toEqual(['people-1']);
		expect(find({ flag: 'blue' })).toEqual(['people-1']);
		expect(find({ flag: 'none' })).toEqual(['sco-1', 'geo-1']);
		expect(find({ deck: 'history', flag: 'red', text: 'gazprom' })).toEqual(['energy-1']);
	});

	it('counts the filters in use', () => {
		expect(activeFilters(NO_FILTER)).toBe(0);
		expect(activeFilters({ ...NO_FILTER, text: 'x', deck: 'sco', flag: 'none' })).toBe(2);
	});
});
