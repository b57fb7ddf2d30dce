import { DECK_INDEX_URL } from '$lib/decks/fetch';
import type { DeckIndex } from '$lib/decks/types';
import type { PageLoad } from './$types';

// A form that only works with JavaScript and a network: rendered in the browser, so it cannot be
// submitted before its handler exists.
export const ssr = false;

export const load: PageLoad = async ({ fetch }) => {
	const index: DeckIndex = await (await fetch(DECK_INDEX_URL)).json();
	return { decks: index.decks.filter((d) => d.kind !== 'all') };
};
