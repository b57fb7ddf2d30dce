import { fetchDeckIndex } from '$lib/content/fetch';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	const index = await fetchDeckIndex(fetch);
	return { decks: index.decks.filter((d) => d.kind !== 'all') };
};
