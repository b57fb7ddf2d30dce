import type { Card, DeckKind } from './types';

/**
 * The cards of a deck, in study order, from the cards of the "all" deck: a section deck holds its
 * section's cards, a theme deck the cards tagged with its id, "all" everything. The compiler
 * builds the decks with this, and home uses it to count every deck from one file.
 */
export function cardsInDeck<C extends Pick<Card, 'section' | 'tags'>>(
	deck: { id: string; kind: DeckKind },
	allCards: readonly C[]
): C[] {
	switch (deck.kind) {
		case 'section':
			return allCards.filter((c) => c.section === deck.id);
		case 'theme':
			return allCards.filter((c) => c.tags.includes(deck.id));
		case 'all':
			return [...allCards];
	}
}
