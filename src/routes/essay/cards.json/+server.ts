import { json } from '@sveltejs/kit';
import { locateCard } from '$lib/essay/locate';
import { getDecks } from '$lib/server/decks';
import type { ReaderCard } from '../reader';

export const prerender = true;

/** The whole essay deck's cards as the reader shows them, each with its quotes' sentence ids. */
export function GET() {
	const { essay, decks } = getDecks();
	const all = decks.find((deck) => deck.id === 'all');
	if (!all) throw new Error('No "all" deck to cite');
	const cards: ReaderCard[] = all.cards.map((card) => ({
		id: card.id,
		prompt: card.prompt,
		answer: card.answer,
		source: { section: card.source.section },
		sentences: locateCard(essay.sections, card)
	}));
	return json(cards);
}
