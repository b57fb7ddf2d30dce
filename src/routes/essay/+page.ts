import { fetchJson } from '$lib/content/fetch';
import { ESSAY_CARDS_URL, ESSAY_URL } from '$lib/content/urls';
import type { Essay, EssaySection } from '$lib/essay/parse';
import { citationsOf, type ReaderCard } from './reader';
import type { PageLoad } from './$types';

/** The essay as `/essay.json` serves it: sections without the compiler's normalised text. */
export type EssayText = Omit<Essay, 'sections'> & {
	sections: Omit<EssaySection, 'normalized'>[];
};

export const load: PageLoad = async ({ fetch }) => {
	const [essay, cards] = await Promise.all([
		fetchJson<EssayText>(fetch, ESSAY_URL, 'The essay'),
		fetchJson<ReaderCard[]>(fetch, ESSAY_CARDS_URL, 'The essay’s cards')
	]);
	return { essay, cards, citationIds: citationsOf(cards) };
};
