import { fetchDeck, fetchDeckIndex } from '$lib/content/fetch';
import type { PageLoad } from './$types';

// Statistics read IndexedDB, which only the browser has.
export const ssr = false;

export const load: PageLoad = async ({ fetch }) => {
	const [index, all] = await Promise.all([fetchDeckIndex(fetch), fetchDeck(fetch, 'all')]);
	return { index, cards: all.cards.map(({ id, section, tags }) => ({ id, section, tags })) };
};
