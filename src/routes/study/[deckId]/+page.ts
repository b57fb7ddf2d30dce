import { error } from '@sveltejs/kit';
import type { Deck } from '$lib/decks/types';
import type { PageLoad } from './$types';

// A session lives in IndexedDB: the page is a small shell rendered in the browser, which also keeps
// the deck out of the prerendered HTML (and so out of the precache twice).
export const ssr = false;

export const load: PageLoad = async ({ fetch, params }) => {
	const response = await fetch(`/decks/${params.deckId}.json`);
	if (!response.ok) error(response.status, `No deck "${params.deckId}"`);
	const deck: Deck = await response.json();
	return { deck };
};
