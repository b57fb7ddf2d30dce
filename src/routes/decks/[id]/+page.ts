import { error } from '@sveltejs/kit';
import { fetchDeck } from '$lib/decks/fetch';
import type { Timeline } from '$lib/decks/timeline';
import { TIMELINE_DECK, TIMELINE_URL } from '$lib/timeline-url';
import type { PageLoad } from './$types';

async function fetchTimeline(fetch: typeof globalThis.fetch): Promise<Timeline> {
	const response = await fetch(TIMELINE_URL);
	if (!response.ok) error(response.status, 'The timeline could not be loaded');
	return response.json();
}

export const load: PageLoad = async ({ fetch, params }) => {
	const [deck, timeline] = await Promise.all([
		fetchDeck(fetch, params.id),
		params.id === TIMELINE_DECK ? fetchTimeline(fetch) : undefined
	]);
	return { deck, timeline };
};
