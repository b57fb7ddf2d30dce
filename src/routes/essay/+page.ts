import { error } from '@sveltejs/kit';
import type { Essay, EssaySection } from '$lib/decks/essay';
import { deckUrl } from '$lib/decks/fetch';
import type { Deck } from '$lib/decks/types';
import type { PageLoad } from './$types';

/** The essay as `/essay.json` serves it: sections without the compiler's normalised text. */
export type EssayText = Omit<Essay, 'sections'> & {
	sections: Omit<EssaySection, 'normalized'>[];
};

export const load: PageLoad = async ({ fetch }) => {
	const [essayResponse, deckResponse] = await Promise.all([
		fetch('/essay.json'),
		fetch(deckUrl('all'))
	]);
	if (!essayResponse.ok) error(essayResponse.status, 'The essay is missing');
	if (!deckResponse.ok) error(deckResponse.status, 'The cards are missing');
	const essay: EssayText = await essayResponse.json();
	const deck: Deck = await deckResponse.json();
	return { essay, cards: deck.cards };
};
