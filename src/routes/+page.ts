import { DECK_INDEX_URL } from '$lib/decks/fetch';
import type { DeckIndex } from '$lib/decks/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	const response = await fetch(DECK_INDEX_URL);
	const index: DeckIndex = await response.json();
	return { index };
};
