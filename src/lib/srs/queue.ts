import { State, type CardState } from './states';

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

/** A deck's new-card limits: the whole essay's, and the deck's own (null: none of its own). */
export interface NewLimits {
	essay: number;
	deck: number | null;
}

/**
 * How many new cards a session may still introduce today: what is left of the essay's limit
 * (new cards first studied today in any deck count against it) and, when the deck has a limit
 * of its own, what is left of that (only this deck's cards count), whichever is smaller.
 */
export function newCardsAllowed(
	limits: NewLimits,
	studiedToday: { essay: number; deck: number }
): number {
	const essay = Math.max(0, limits.essay - studiedToday.essay);
	if (limits.deck === null) return essay;
	return Math.min(essay, Math.max(0, limits.deck - studiedToday.deck));
}

/**
 * Anki's custom study: `new`, extra new cards beyond today's limit; `ahead`, studied cards due in
 * the next `days` study days (and any still due today), to review early; `forgotten`, cards rated
 * Again in the last `days` study days, today included.
 */
export type CustomStudy =
	| { kind: 'new'; count: number }
	| { kind: 'ahead'; days: number }
	| { kind: 'forgotten'; days: number };

/** The largest number each kind of custom study takes (cards for `new`, days otherwise). */
export const CUSTOM_STUDY_MAX = { new: 500, ahead: 365, forgotten: 365 } as const;

/** A custom study from its URL parameters (`more` and `n`), or null when they are not one. */
export function parseCustomStudy(more: string | null, n: string | null): CustomStudy | null {
	if (more !== 'new' && more !== 'ahead' && more !== 'forgotten') return null;
	if (n === null || !/^\d{1,3}$/.test(n)) return null;
	const value = Number(n);
	if (value < 1 || value > CUSTOM_STUDY_MAX[more]) return null;
	return more === 'new' ? { kind: 'new', count: value } : { kind: more, days: value };
}

/** A custom study's URL parameters, the inverse of {@link parseCustomStudy}. */
export function customStudyParams(custom: CustomStudy): { more: string; n: string } {
	return { more: custom.kind, n: String(custom.kind === 'new' ? custom.count : custom.days) };
}

/** Extra new cards: the first `count` cards never studied, in the deck's order. */
export function extraNewQueue<C extends { id: string }>(
	cards: readonly C[],
	seen: ReadonlySet<string>,
	count: number
): QueueEntry<C>[] {
	const fresh: QueueEntry<C>[] = [];
	for (const card of cards) {
		if (fresh.length >= count) break;
		if (!seen.has(card.id)) fresh.push({ card, state: null });
	}
	return fresh;
}

/** Review ahead: studied cards due before `until`, earliest first. */
export function reviewAheadQueue<C extends { id: string }>(
	cards: readonly C[],
	states: ReadonlyMap<string, CardState>,
	until: number
): QueueEntry<C>[] {
	const ahead: QueueEntry<C>[] = [];
	for (const card of cards) {
		const state = states.get(card.id);
		if (state && state.state !== State.New && state.due < until) ahead.push({ card, state });
	}
	return ahead.sort((a, b) => (a.state?.due ?? 0) - (b.state?.due ?? 0));
}

/** Ids of the cards rated Again at or after `since` in `logs`. */
export function forgottenSince(
	logs: readonly { cardId: string; rating: number; reviewedAt: number }[],
	since: number
): Set<string> {
	const ids = new Set<string>();
	for (const log of logs) if (log.rating === 1 && log.reviewedAt >= since) ids.add(log.cardId);
	return ids;
}

/** Review forgotten cards: the cards in `forgotten`, in the deck's order, with their states. */
export function forgottenQueue<C extends { id: string }>(
	cards: readonly C[],
	states: ReadonlyMap<string, CardState>,
	forgotten: ReadonlySet<string>
): QueueEntry<C>[] {
	return cards
		.filter((card) => forgotten.has(card.id))
		.map((card) => ({ card, state: states.get(card.id) ?? null }));
}
