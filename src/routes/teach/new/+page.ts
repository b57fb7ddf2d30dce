import { fetchDeckIndex } from '$lib/content/fetch';
import type { PageLoad } from './$types';

// A form that only works with JavaScript and a network: rendered in the browser, so it cannot be
// submitted before its handler exists.
export const ssr = false;

export const load: PageLoad = async ({ fetch }) => {
	const index = await fetchDeckIndex(fetch);
	return { decks: index.decks.filter((d) => d.kind !== 'all') };
};
