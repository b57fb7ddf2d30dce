import { cardsInDeck } from '$lib/decks/membership';
import type { Card, DeckSummary } from '$lib/decks/types';
import { studyDay } from '$lib/srs/day';
import { buildQueue, countQueue, type DeckCounts } from '$lib/srs/queue';
import type { StudySettings } from '$lib/srs/settings';
import type { MeridianDB } from '$lib/storage/db';
import { loadStudySnapshot } from '$lib/storage/study-data';

export interface HomeCounts {
	byDeck: Map<string, DeckCounts>;
	/** The earliest due time after today, for "nothing due" messages. */
	nextDueAfter: number | null;
}

/**
 * Home's counts: for every deck, the new, learning and due cards a session on it would start with
 * now, computed with the same queue code the session uses.
 */
export async function loadHomeCounts(
	db: MeridianDB,
	settings: StudySettings,
	decks: readonly DeckSummary[],
	allCards: readonly Card[],
	now: number
): Promise<HomeCounts> {
	const day = studyDay(now, settings.dayStartHour);
	const snapshot = await loadStudySnapshot(
		db,
		allCards.map((c) => c.id),
		day.start,
		day.end
	);
	const newAllowed = Math.max(0, settings.newPerDay - snapshot.newStudiedToday);
	const byDeck = new Map<string, DeckCounts>();
	for (const deck of decks) {
		const cards = cardsInDeck(deck, allCards);
		byDeck.set(
			deck.id,
			countQueue(buildQueue(cards, snapshot.dueStates, snapshot.seen, newAllowed))
		);
	}
	return { byDeck, nextDueAfter: snapshot.nextDueAfter };
}
