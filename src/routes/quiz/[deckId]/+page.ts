import { fetchDeck } from '$lib/content/fetch';
import type { PageLoad } from './$types';

// A quiz lives in IndexedDB: the page is a small shell rendered in the browser, which also keeps
// the deck out of the prerendered HTML (and so out of the precache twice).
export const ssr = false;

export const load: PageLoad = async ({ fetch, params }) => ({
	deck: await fetchDeck(fetch, params.deckId)
});
