import { cardsInDeck } from '$lib/decks/membership';
import type { Card, DeckSummary } from '$lib/decks/types';
import { Rating, State, type ReviewLogEntry } from '$lib/srs/scheduler';

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
 * True retention per deck, as Anki defines it: of the reviews since `since` of cards that were in
 * Review state (not new, learning or relearning), the share not rated Again. Reviews from quizzes
 * count too: a quiz answer is a recall of the card all the same.
 */
export function trueRetentionByDeck(
	logs: Iterable<Pick<ReviewLogEntry, 'cardId' | 'rating' | 'reviewedAt' | 'previous'>>,
	decks: readonly Pick<DeckSummary, 'id' | 'title' | 'kind'>[],
	allCards: readonly DeckCard[],
	since: number
): DeckRetention[] {
	const byCard = new Map<string, { reviews: number; passed: number }>();
	for (const log of logs) {
		if (log.reviewedAt < since || log.previous?.state !== State.Review) continue;
		const tally = byCard.get(log.cardId) ?? { reviews: 0, passed: 0 };
		tally.reviews++;
		if (log.rating !== Rating.Again) tally.passed++;
		byCard.set(log.cardId, tally);
	}
	return decks.map((deck) => {
		let reviews = 0;
		let passed = 0;
		for (const card of cardsInDeck(deck, allCards)) {
			const tally = byCard.get(card.id);
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
