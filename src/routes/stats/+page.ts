import { DECK_INDEX_URL, deckUrl } from '$lib/decks/fetch';
import type { Deck, DeckIndex } from '$lib/decks/types';
import type { PageLoad } from './$types';

// Statistics read IndexedDB, which only the browser has.
export const ssr = false;

export const load: PageLoad = async ({ fetch }) => {
	const [index, all]: [DeckIndex, Deck] = await Promise.all([
		fetch(DECK_INDEX_URL).then((r) => r.json()),
		fetch(deckUrl('all')).then((r) => r.json())
	]);
	return { index, cards: all.cards.map(({ id, section, tags }) => ({ id, section, tags })) };
};
