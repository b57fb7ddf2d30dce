import { fetchDeck, fetchJson } from '$lib/content/fetch';
import { ESSAY_URL } from '$lib/content/urls';
import type { Essay, EssaySection } from '$lib/essay/parse';
import type { PageLoad } from './$types';

/** The essay as `/essay.json` serves it: sections without the compiler's normalised text. */
export type EssayText = Omit<Essay, 'sections'> & {
	sections: Omit<EssaySection, 'normalized'>[];
};

export const load: PageLoad = async ({ fetch }) => {
	const [essay, deck] = await Promise.all([
		fetchJson<EssayText>(fetch, ESSAY_URL, 'The essay'),
		fetchDeck(fetch, 'all')
	]);
	return { essay, cards: deck.cards };
};
