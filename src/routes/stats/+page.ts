import { browser } from '$app/environment';
import { fetchCardIndex, fetchDeckIndex } from '$lib/content/fetch';
import { storage } from '$lib/storage/connection.svelte';
import { charts } from './charts';
import { loadStatistics } from './load-stats';
import type { PageLoad } from './$types';

// Statistics read IndexedDB, which only the browser has; but the page around them does not depend
// on the student. The prerendered page is that frame (the title and a "Reading your reviews…"
// status), painted before any script runs; the browser then reads storage and hydrates it (issue
// 18: the first paint no longer waits for the scripts, the decks and the read).
export const load: PageLoad = async ({ fetch }) => {
	if (!browser) return { statistics: null, started: 0 };
	// The database opens while the decks download, not after the page mounts (issue 18: opening
	// it was a good part of the time before the read). Not awaited: a blocked upgrade must not
	// hold the page; a failure is reported when the page opens it again.
	const db = storage.open();
	db.catch(() => undefined);
	// Each card's id, section and tags are all the statistics place cards by: the card index
	// (about 21 KB), not the whole essay's deck (264 KB).
	const [index, cards] = await Promise.all([fetchDeckIndex(fetch), fetchCardIndex(fetch)]);
	// The read starts as soon as the cards are known, before the page mounts; the page awaits it
	// (and reports its failure). Its start is where the page's `stats-render` measure begins.
	const started = performance.now();
	const statistics = db.then((open) =>
		loadStatistics(open, index.decks, cards, Date.now(), (found) => {
			if (found) void charts.load();
		})
	);
	statistics.catch(() => undefined);
	return { statistics, started };
};
