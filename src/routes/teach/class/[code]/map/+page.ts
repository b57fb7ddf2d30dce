import { fetchDeck, fetchJson } from '$lib/content/fetch';
import { ESSAY_URL } from '$lib/content/urls';
import type { EssayText } from '../../../../essay/+page';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	const [essay, deck] = await Promise.all([
		fetchJson<EssayText>(fetch, ESSAY_URL, 'The essay'),
		fetchDeck(fetch, 'all')
	]);
	return { essay, cards: deck.cards };
};
