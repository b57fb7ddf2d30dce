import { browser } from '$app/environment';
import { fetchDeck } from '$lib/content/fetch';
import { fetchDeckFrame } from '$lib/content/deck-frame';
import { parseCustomStudy } from '$lib/srs/queue';
import { storage } from '$lib/storage/connection.svelte';
import type { PageLoad } from './$types';

// A session lives in IndexedDB: the prerendered page is its frame (the deck's title, "Loading your
// cards"), from the list of decks, so no cards are in the HTML; the browser loads the deck, hydrates
// the frame and reads the queue (issue 18: the first paint no longer waits for scripts and deck).
export const load: PageLoad = async ({ fetch, params, url }) => {
	// A prerendered page has no query string: on the server it is today's session.
	if (!browser) {
		return { deck: await fetchDeckFrame(fetch, params.deckId), exam: false, custom: null };
	}
	// The database opens while the deck downloads, not after the page mounts. Not awaited: a
	// blocked upgrade must not hold the page; a failure is reported when the session opens it again.
	void storage.open().catch(() => undefined);
	return {
		deck: await fetchDeck(fetch, params.deckId),
		// `?exam=1`: "Prepare for exam", the deck's exam-date queue instead of today's.
		exam: url.searchParams.get('exam') === '1',
		// `?more=new|ahead|forgotten&n=N`: a custom study ("Study more"); anything else is today's.
		custom: parseCustomStudy(url.searchParams.get('more'), url.searchParams.get('n'))
	};
};
