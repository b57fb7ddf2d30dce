import { cardsInDeck } from '$lib/decks/membership';
import type { CardIndexEntry, DeckSummary } from '$lib/decks/types';
import { studyDay } from '$lib/srs/day';
import { studyable } from '$lib/srs/marks';
import { buildQueue, countQueue, newCardsAllowed, type DeckCounts } from '$lib/srs/queue';
import { studySnapshotFrom, type HomeProgress } from '$lib/storage/study-data';

export interface HomeCounts {
	byDeck: Map<string, DeckCounts>;
	/** The earliest due time after today, for "nothing due" messages. */
	nextDueAfter: number | null;
}

/** "3 new · 1 learning · 12 due": a deck's counts as home's lists show them. */
export const countsLine = (c: DeckCounts): string =>
	`${c.new} new · ${c.learning} learning · ${c.due} due`;

/**
 * Home's counts: for every deck, the new, learning and due cards a session on it would start with
 * now, computed with the same queue code the session uses (the essay's and the deck's new-card
 * limits; suspended and buried cards left out), from the progress home reads once for its counts
 * and its knowledge map (`loadHomeProgress`, over every card of `allCards`).
 */
export function homeCounts(
	progress: HomeProgress,
	decks: readonly DeckSummary[],
	allCards: readonly CardIndexEntry[],
	now: number
): HomeCounts {
	const { settings, marks } = progress;
	const day = studyDay(now, settings.dayStartHour);
	const snapshot = studySnapshotFrom(progress.states, progress.buckets, day.start, day.end);
	const byDeck = new Map<string, DeckCounts>();
	for (const deck of decks) {
		const inDeck = cardsInDeck(deck, allCards);
		const deckToday = inDeck.filter((c) => snapshot.newStudiedTodayIds.has(c.id)).length;
		const newAllowed = newCardsAllowed(
			{ essay: settings.newPerDay, deck: settings.deckNewLimits[deck.id] ?? null },
			{ essay: snapshot.newStudiedToday, deck: deckToday }
		);
		const cards = studyable(inDeck, marks, now);
		byDeck.set(
			deck.id,
			countQueue(buildQueue(cards, snapshot.dueStates, snapshot.seen, newAllowed))
		);
	}
	return { byDeck, nextDueAfter: snapshot.nextDueAfter };
}
