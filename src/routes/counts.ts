import { cardsInDeck } from '$lib/decks/membership';
import type { Card, DeckSummary } from '$lib/decks/types';
import { studyDay } from '$lib/srs/day';
import { studyable } from '$lib/srs/marks';
import { buildQueue, countQueue, newCardsAllowed, type DeckCounts } from '$lib/srs/queue';
import type { StudySettings } from '$lib/srs/settings';
import type { MeridianDB } from '$lib/storage/db';
import { loadMarks } from '$lib/storage/card-marks';
import { loadStudySnapshot } from '$lib/storage/study-data';

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
 * limits; suspended and buried cards left out).
 */
export async function loadHomeCounts(
	db: MeridianDB,
	settings: StudySettings,
	decks: readonly DeckSummary[],
	allCards: readonly Card[],
	now: number
): Promise<HomeCounts> {
	const day = studyDay(now, settings.dayStartHour);
	// Asked for together: each read is a round trip, and the page has other work between them.
	const [snapshot, marks] = await Promise.all([
		loadStudySnapshot(
			db,
			allCards.map((c) => c.id),
			day.start,
			day.end
		),
		loadMarks(db)
	]);
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
