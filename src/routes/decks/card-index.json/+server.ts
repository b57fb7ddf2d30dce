import { json } from '@sveltejs/kit';
import type { CardIndexEntry } from '$lib/decks/types';
import { getDecks } from '$lib/server/decks';

export const prerender = true;

/**
 * Every card of the whole essay deck, in study order, with only what decides which decks hold it
 * (`cardsInDeck`): home counts every deck and draws its knowledge map from this (about 3 KB
 * gzipped) instead of the whole deck (about 49 KB).
 */
export function GET() {
	const all = getDecks().decks.find((deck) => deck.id === 'all');
	if (!all) throw new Error('No "all" deck to index');
	const cards: CardIndexEntry[] = all.cards.map(({ id, section, tags }) => ({ id, section, tags }));
	return json(cards);
}
