import type { SectionSlug } from '$lib/decks/types';

/** What the essay's sentences and citation panel show of a card (a whole `Card` is one too). */
export interface CitedCard {
	id: string;
	prompt: string;
	answer: string;
}

/**
 * What the reader needs of a card: what the citation panel shows, its section (for the knowledge
 * map) and the ids of the sentences its quotes are (located at build time, `cards.json`). The
 * whole deck's cards, with explanations, distractors and accepted answers, were four times the
 * essay's own size in the page's HTML, and locating every quote was a long task on a phone.
 */
export interface ReaderCard extends CitedCard {
	source: { section: SectionSlug };
	sentences: string[];
}

/** For each cited sentence id, the ids of the cards citing it, in the cards' order. */
export function citationsOf(cards: readonly ReaderCard[]): Map<string, string[]> {
	const citations = new Map<string, string[]>();
	for (const card of cards) {
		for (const id of card.sentences) {
			const list = citations.get(id);
			if (list) list.push(card.id);
			else citations.set(id, [card.id]);
		}
	}
	return citations;
}
