import { cardsInDeck } from '$lib/decks/membership';
import type { Card, DeckSummary } from '$lib/decks/types';
import type { RecallTally } from './summary';

export interface DeckRetention {
	deckId: string;
	title: string;
	/** Reviews of cards that were in Review state. */
	reviews: number;
	/** Of those, the ones not rated Again. */
	passed: number;
	/** passed / reviews, or null with no such reviews. */
	retention: number | null;
}

type DeckCard = Pick<Card, 'id' | 'section' | 'tags'>;

/**
 * True retention per deck, as Anki defines it: of the reviews of cards that were in Review state
 * (not new, learning or relearning), the share not rated Again. `recall` holds those per card
 * over the chosen days (from the summary store). Reviews from quizzes count too: a quiz answer is
 * a recall of the card all the same.
 */
export function trueRetentionByDeck(
	recall: ReadonlyMap<string, RecallTally>,
	decks: readonly Pick<DeckSummary, 'id' | 'title' | 'kind'>[],
	allCards: readonly DeckCard[]
): DeckRetention[] {
	return decks.map((deck) => {
		let reviews = 0;
		let passed = 0;
		for (const card of cardsInDeck(deck, allCards)) {
			const tally = recall.get(card.id);
			if (!tally) continue;
			reviews += tally.reviews;
			passed += tally.passed;
		}
		return {
			deckId: deck.id,
			title: deck.title,
			reviews,
			passed,
			retention: reviews === 0 ? null : passed / reviews
		};
	});
}
