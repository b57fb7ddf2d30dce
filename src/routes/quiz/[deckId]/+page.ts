import { browser } from '$app/environment';
import { fetchDeck } from '$lib/content/fetch';
import { fetchDeckFrame } from '$lib/content/deck-frame';
import { storage } from '$lib/storage/connection.svelte';
import type { PageLoad } from './$types';

// A quiz lives in IndexedDB, but its start screen does not depend on the student: the prerendered
// page is that screen, from the list of decks (no cards in the HTML), and the browser loads the
// deck and hydrates it (issue 18: the first paint no longer waits for the scripts and the deck).
export const load: PageLoad = async ({ fetch, params }) => {
	if (!browser) return { deck: await fetchDeckFrame(fetch, params.deckId) };
	// The database opens while the deck downloads, not after the page mounts. Not awaited: a
	// blocked upgrade must not hold the page; a failure is reported when the quiz opens it again.
	void storage.open().catch(() => undefined);
	return { deck: await fetchDeck(fetch, params.deckId) };
};
