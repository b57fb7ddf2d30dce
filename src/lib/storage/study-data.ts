import { State, type CardState } from '$lib/srs/scheduler';
import type { MeridianDB } from './db';

export interface StudySnapshot {
	/** States due before the end of the study day, by card id. */
	dueStates: Map<string, CardState>;
	/** Ids of every card studied at least once. */
	seen: Set<string>;
	/** New cards first studied since the study day began. */
	newStudiedToday: number;
	/** The earliest due time after the study day ends, if any. */
	nextDueAfter: number | null;
}

/**
 * Reads what a session or home's counts need, through indexes only: the states due today, the
 * keys of all states, and today's reviews.
 */
export async function loadStudySnapshot(
	db: MeridianDB,
	dayStart: number,
	dayEnd: number
): Promise<StudySnapshot> {
	const tx = db.transaction(['cardStates', 'reviewLogs'], 'readonly');
	const byDue = tx.objectStore('cardStates').index('byDue');
	const [due, keys, later, today] = await Promise.all([
		byDue.getAll(IDBKeyRange.upperBound(dayEnd, true)),
		tx.objectStore('cardStates').getAllKeys(),
		byDue.openCursor(IDBKeyRange.lowerBound(dayEnd)),
		tx.objectStore('reviewLogs').index('byTime').getAll(IDBKeyRange.lowerBound(dayStart))
	]);
	await tx.done;
	return {
		dueStates: new Map(due.map((s) => [s.cardId, s])),
		seen: new Set(keys),
		newStudiedToday: today.filter((l) => !l.previous || l.previous.state === State.New).length,
		nextDueAfter: later?.value.due ?? null
	};
}

/** The stored states of the given cards, by card id: every state, due or not (for forecasts). */
export async function loadCardStates(
	db: MeridianDB,
	cardIds: readonly string[]
): Promise<Map<string, CardState>> {
	const wanted = new Set(cardIds);
	const states = await db.getAll('cardStates');
	return new Map(states.filter((s) => wanted.has(s.cardId)).map((s) => [s.cardId, s]));
}
