import { fetchDeck, fetchJson } from '$lib/content/fetch';
import { TIMELINE_DECK, TIMELINE_URL } from '$lib/content/urls';
import type { Timeline } from '$lib/decks/timeline';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
	const [deck, timeline] = await Promise.all([
		fetchDeck(fetch, params.id),
		params.id === TIMELINE_DECK
			? fetchJson<Timeline>(fetch, TIMELINE_URL, 'The timeline')
			: undefined
	]);
	return { deck, timeline };
};
