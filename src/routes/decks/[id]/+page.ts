import { fetchDeck } from '$lib/decks/fetch';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
	deck: await fetchDeck(fetch, params.id)
});
