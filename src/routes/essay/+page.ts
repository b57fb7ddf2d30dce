import { browser } from '$app/environment';
import { fetchDeck, fetchJson } from '$lib/content/fetch';
import { ESSAY_URL } from '$lib/content/urls';
import { citationsBySentence } from '$lib/essay/locate';
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
	// Locating every card's quote takes a while on a phone: in the browser it runs in a task of its
	// own, not in the one that hydrates the page.
	if (browser) await new Promise((resolve) => setTimeout(resolve, 0));
	return { essay, cards: deck.cards, citationIds: citationsBySentence(essay.sections, deck.cards) };
};
