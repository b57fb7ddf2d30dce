import { error } from '@sveltejs/kit';
import type { Deck } from '$lib/decks/types';
import { fetchDeckIndex } from './fetch';

/**
 * A deck as the list of decks describes it, with no cards: what the quiz page renders on the
 * server (its start screen), so that its first paint is in the HTML without the deck's cards in it
 * twice (rendered and as hydration data). The browser then loads the whole deck and hydrates the
 * same markup. An id the list does not name is the same 404 as `fetchDeck`'s.
 */
export async function fetchDeckFrame(fetch: typeof globalThis.fetch, id: string): Promise<Deck> {
	const summary = (await fetchDeckIndex(fetch)).decks.find((deck) => deck.id === id);
	if (!summary) error(404, `The deck "${id}" was not found.`);
	const { title, description, kind, hash } = summary;
	return { id, title, description, kind, hash, cards: [] };
}
