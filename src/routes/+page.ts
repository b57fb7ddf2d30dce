import type { DeckIndex } from '$lib/decks/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	const response = await fetch('/decks/index.json');
	const index: DeckIndex = await response.json();
	return { index };
};
