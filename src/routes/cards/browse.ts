import { cardsInDeck } from '$lib/decks/membership';
import type { Card, CardType, DeckSummary } from '$lib/decks/types';
import { inBrowseState, type BrowseState, type CardMark, type Flag } from '$lib/srs/marks';
import type { CardState } from '$lib/srs/scheduler';

/** The card browser's search: text, and filters by deck, type, state and flag. */
export interface BrowseFilter {
	text: string;
	deck: string;
	type: CardType | 'any';
	state: BrowseState | 'any';
	flag: Flag | 'any' | 'none';
}

export const NO_FILTER: BrowseFilter = {
	text: '',
	deck: 'all',
	type: 'any',
	state: 'any',
	flag: 'any'
};

/** How many of the filters (not the text) narrow the list. */
export function activeFilters(filter: BrowseFilter): number {
	return [
		filter.deck !== 'all',
		filter.type !== 'any',
		filter.state !== 'any',
		filter.flag !== 'any'
	].filter(Boolean).length;
}

/** Text for matching: lower case, without accents, runs of spaces as one. */
export function searchable(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** Everything a card says that a search looks at: prompt, answer, choices, explanation, quote. */
export function cardText(card: Card): string {
	const parts = [card.prompt, card.answer, card.explanation, card.source.quote];
	if (card.type === 'cloze') parts.push(card.text);
	if (card.type === 'mcq') parts.push(...card.options);
	if (card.type === 'ordering') parts.push(...card.events);
	if (card.type === 'truefalse' && card.correction) parts.push(card.correction);
	return searchable(parts.join(' '));
}

/**
 * The cards matching `filter` at `now`, in the essay's order. Every word of the search text must
 * occur in the card's text (any order, case and accents ignored). `index` holds each card's
 * searchable text, computed once.
 */
export function browseCards(
	cards: readonly Card[],
	index: ReadonlyMap<string, string>,
	decks: readonly DeckSummary[],
	filter: BrowseFilter,
	states: ReadonlyMap<string, CardState>,
	marks: ReadonlyMap<string, CardMark>,
	now: number
): Card[] {
	const words = searchable(filter.text).split(' ').filter(Boolean);
	const deck = decks.find((d) => d.id === filter.deck);
	const inDeck =
		deck && deck.kind !== 'all' ? new Set(cardsInDeck(deck, cards).map((c) => c.id)) : null;
	return cards.filter((card) => {
		if (inDeck && !inDeck.has(card.id)) return false;
		if (filter.type !== 'any' && card.type !== filter.type) return false;
		const mark = marks.get(card.id);
		if (filter.state !== 'any' && !inBrowseState(filter.state, states.get(card.id), mark, now)) {
			return false;
		}
		if (filter.flag === 'none' && mark?.flag) return false;
		if (filter.flag !== 'any' && filter.flag !== 'none' && mark?.flag !== filter.flag) return false;
		const text = index.get(card.id) ?? cardText(card);
		return words.every((w) => text.includes(w));
	});
}
