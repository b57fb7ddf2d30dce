import type { Card } from '$lib/decks/types';
import { shiftDays } from '$lib/srs/day';
import { studyable } from '$lib/srs/marks';
import {
	buildQueue,
	extraNewQueue,
	forgottenQueue,
	forgottenSince,
	newCardsAllowed,
	reviewAheadQueue,
	type CustomStudy,
	type QueueEntry
} from '$lib/srs/queue';
import type { StudySettings } from '$lib/srs/settings';
import { loadAgainSince, loadMarks } from '$lib/storage/card-marks';
import type { MeridianDB } from '$lib/storage/db';
import { loadCardStates, loadStudySnapshot } from '$lib/storage/study-data';

export interface QueueSource {
	queue: QueueEntry<Card>[];
	/** The earliest due time of a card of the deck after today, for "nothing to study". */
	nextDueAfter: number | null;
}

/**
 * A session's queue, without suspended or buried cards: `today`, what is due and the new cards
 * both the essay's and the deck's limits still allow; or a custom study (extra new cards,
 * review ahead, review forgotten cards).
 */
export async function loadQueue(
	db: MeridianDB,
	settings: StudySettings,
	deck: { id: string; cards: readonly Card[] },
	mode: 'today' | CustomStudy,
	now: number,
	day: { start: number; end: number }
): Promise<QueueSource> {
	const cards = studyable(deck.cards, await loadMarks(db), now);
	const ids = cards.map((c) => c.id);
	if (mode === 'today' || mode.kind === 'new') {
		const snapshot = await loadStudySnapshot(db, ids, day.start, day.end);
		if (mode !== 'today') {
			return {
				queue: extraNewQueue(cards, snapshot.seen, mode.count),
				nextDueAfter: snapshot.nextDueAfter
			};
		}
		const inDeck = new Set(deck.cards.map((c) => c.id));
		const deckToday = [...snapshot.newStudiedTodayIds].filter((id) => inDeck.has(id)).length;
		const allowed = newCardsAllowed(
			{ essay: settings.newPerDay, deck: settings.deckNewLimits[deck.id] ?? null },
			{ essay: snapshot.newStudiedToday, deck: deckToday }
		);
		return {
			queue: buildQueue(cards, snapshot.dueStates, snapshot.seen, allowed),
			nextDueAfter: snapshot.nextDueAfter
		};
	}
	const states = await loadCardStates(db, ids);
	const queue =
		mode.kind === 'ahead'
			? reviewAheadQueue(cards, states, shiftDays(day.end, mode.days))
			: forgottenQueue(
					cards,
					states,
					forgottenSince(
						await loadAgainSince(db, shiftDays(day.start, 1 - mode.days)),
						shiftDays(day.start, 1 - mode.days)
					)
				);
	let nextDueAfter: number | null = null;
	for (const state of states.values()) {
		if (state.due >= day.end && (nextDueAfter === null || state.due < nextDueAfter)) {
			nextDueAfter = state.due;
		}
	}
	return { queue, nextDueAfter };
}

/** `queue` without the cards suspended or buried at `now` (for the exam queue). */
export async function withoutHidden(
	db: MeridianDB,
	queue: QueueEntry<Card>[],
	now: number
): Promise<QueueEntry<Card>[]> {
	const marks = await loadMarks(db);
	const shown = new Set(
		studyable(
			queue.map((e) => e.card),
			marks,
			now
		).map((c) => c.id)
	);
	return queue.filter((e) => shown.has(e.card.id));
}
