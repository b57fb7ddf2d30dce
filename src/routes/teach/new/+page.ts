import type { DeckIndex } from '$lib/decks/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	const index: DeckIndex = await (await fetch('/decks/index.json')).json();
	return { decks: index.decks.filter((d) => d.kind !== 'all') };
};
