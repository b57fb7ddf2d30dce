import { fetchDeck, fetchDeckIndex } from '$lib/content/fetch';
import type { PageLoad } from './$types';

// The browser shows each card's schedule and marks from IndexedDB, which only the browser has.
export const ssr = false;

export const load: PageLoad = async ({ fetch, url }) => {
	const [index, all] = await Promise.all([fetchDeckIndex(fetch), fetchDeck(fetch, 'all')]);
	// `?deck=<id>` opens the browser on one deck (the deck page's "Browse cards").
	const deck = url.searchParams.get('deck');
	return {
		index,
		cards: all.cards,
		deck: deck && index.decks.some((d) => d.id === deck) ? deck : 'all'
	};
};
