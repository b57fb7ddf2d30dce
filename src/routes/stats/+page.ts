import type { Deck, DeckIndex } from '$lib/decks/types';
import type { PageLoad } from './$types';

// Statistics read IndexedDB, which only the browser has.
export const ssr = false;

export const load: PageLoad = async ({ fetch }) => {
	const [index, all]: [DeckIndex, Deck] = await Promise.all([
		fetch('/decks/index.json').then((r) => r.json()),
		fetch('/decks/all.json').then((r) => r.json())
	]);
	return { index, cards: all.cards.map(({ id, section, tags }) => ({ id, section, tags })) };
};
