import { fetchDeck } from '$lib/content/fetch';
import { parseCustomStudy } from '$lib/srs/queue';
import { storage } from '$lib/storage/connection.svelte';
import type { PageLoad } from './$types';

// A session lives in IndexedDB: the page is a small shell rendered in the browser, which also keeps
// the deck out of the prerendered HTML (and so out of the precache twice).
export const ssr = false;

export const load: PageLoad = async ({ fetch, params, url }) => {
	// The database opens while the deck downloads, not after the page mounts (as the quiz's). Not
	// awaited: a blocked upgrade must not hold the page; a failure is reported by the connection,
	// and the session's own open tries again. (`ssr = false`: this runs only in the browser.)
	void storage.open().catch(() => undefined);
	return {
		deck: await fetchDeck(fetch, params.deckId),
		// `?exam=1`: "Prepare for exam", the deck's exam-date queue instead of today's.
		exam: url.searchParams.get('exam') === '1',
		// `?more=new|ahead|forgotten&n=N`: a custom study ("Study more"); anything else is today's.
		custom: parseCustomStudy(url.searchParams.get('more'), url.searchParams.get('n'))
	};
};
