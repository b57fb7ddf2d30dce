import { State, type CardState } from './scheduler';

export interface QueueEntry<C> {
	card: C;
	state: CardState | null;
}

export interface DeckCounts {
	new: number;
	learning: number;
	due: number;
}

/**
 * A study session's queue: studied cards due before the study day ends, earliest first, then
 * new cards in the deck's order, at most `newAllowed` of them. `dueStates` holds the states due
 * by then; `seen` the ids of every card studied at least once. Cards removed from the decks never
 * appear: only `cards` are considered.
 */
export function buildQueue<C extends { id: string }>(
	cards: readonly C[],
	dueStates: ReadonlyMap<string, CardState>,
	seen: ReadonlySet<string>,
	newAllowed: number
): QueueEntry<C>[] {
	const due: QueueEntry<C>[] = [];
	const fresh: QueueEntry<C>[] = [];
	for (const card of cards) {
		const state = dueStates.get(card.id);
		if (state && state.state !== State.New) due.push({ card, state });
		else if (!seen.has(card.id) && fresh.length < newAllowed) fresh.push({ card, state: null });
	}
	due.sort((a, b) => (a.state?.due ?? 0) - (b.state?.due ?? 0));
	return [...due, ...fresh];
}

/** What home shows for a deck: the counts a session on it would start with. */
export function countQueue<C extends { id: string }>(queue: readonly QueueEntry<C>[]): DeckCounts {
	const counts: DeckCounts = { new: 0, learning: 0, due: 0 };
	for (const { state } of queue) {
		if (!state || state.state === State.New) counts.new++;
		else if (state.state === State.Review) counts.due++;
		else counts.learning++;
	}
	return counts;
}

/**
 * Puts a card just reviewed back into the rest of the session when it falls due again before the
 * study day ends (a learning step), after everything due sooner; new cards count as due `now`.
 */
export function requeue<C>(
	rest: readonly QueueEntry<C>[],
	entry: QueueEntry<C>,
	now: number,
	dayEnd: number
): QueueEntry<C>[] {
	const due = entry.state?.due ?? now;
	if (due >= dayEnd) return [...rest];
	const at = rest.findIndex(
		(e) => (e.state && e.state.state !== State.New ? e.state.due : now) > due
	);
	return at === -1 ? [...rest, entry] : [...rest.slice(0, at), entry, ...rest.slice(at)];
}
