import { browser } from '$app/environment';
import { fetchDeck, fetchDeckIndex } from '$lib/content/fetch';
import { storage } from '$lib/storage/connection.svelte';
import { loadStatistics } from './load-stats';
import type { PageLoad } from './$types';

// Statistics read IndexedDB, which only the browser has.
export const ssr = false;

export const load: PageLoad = async ({ fetch }) => {
	// The database opens while the decks download, not after the page mounts (issue 18: opening
	// it was a good part of the time before the read). Not awaited: a blocked upgrade must not
	// hold the page; a failure is reported when the page opens it again.
	const db = browser ? storage.open() : null;
	db?.catch(() => undefined);
	const [index, all] = await Promise.all([fetchDeckIndex(fetch), fetchDeck(fetch, 'all')]);
	const cards = all.cards.map(({ id, section, tags }) => ({ id, section, tags }));
	// The read starts as soon as the cards are known, before the page mounts; the page awaits it
	// (and reports its failure). Its start is where the page's `stats-render` measure begins.
	const started = performance.now();
	const statistics =
		db?.then((open) => loadStatistics(open, index.decks, cards, Date.now())) ?? null;
	statistics?.catch(() => undefined);
	return { index, cards, statistics, started };
};
