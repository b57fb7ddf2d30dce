import { browser } from '$app/environment';
import { fetchDeck, fetchDeckIndex } from '$lib/content/fetch';
import { storage } from '$lib/storage/connection.svelte';
import type { PageLoad } from './$types';

// Statistics read IndexedDB, which only the browser has.
export const ssr = false;

export const load: PageLoad = async ({ fetch }) => {
	// The database opens while the decks download, not after the page mounts (issue 18: opening
	// it was a good part of the time before the read). Not awaited: a blocked upgrade must not
	// hold the page; a failure is reported when the page opens it again.
	if (browser) void storage.open().catch(() => undefined);
	const [index, all] = await Promise.all([fetchDeckIndex(fetch), fetchDeck(fetch, 'all')]);
	return { index, cards: all.cards.map(({ id, section, tags }) => ({ id, section, tags })) };
};
