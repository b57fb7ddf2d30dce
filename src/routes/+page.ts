import { browser } from '$app/environment';
import { fetchCardIndex, fetchDeckIndex } from '$lib/content/fetch';
import { storage } from '$lib/storage/connection.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	// The database opens while the page hydrates, not after it mounts (issue 18). Not awaited: a
	// blocked upgrade must not hold the page; a failure is reported when the page opens it again.
	if (browser) void storage.open().catch(() => undefined);
	// The card index (ids, sections, tags: about 3 KB gzipped) is all the counts and the knowledge
	// map need of the cards; prerendered, it comes inside the page's HTML.
	const [index, cards] = await Promise.all([fetchDeckIndex(fetch), fetchCardIndex(fetch)]);
	return { index, cards };
};
