import * as v from 'valibot';
import { State, type CardState } from './states';

/** Anki's flags, each with a name: the name is always shown, the colour only beside it. */
export const FLAGS = ['red', 'orange', 'green', 'blue', 'purple'] as const;
export type Flag = (typeof FLAGS)[number];

export const FLAG_NAMES: Record<Flag, string> = {
	red: 'Red',
	orange: 'Orange',
	green: 'Green',
	blue: 'Blue',
	purple: 'Purple'
};

const Time = v.pipe(v.number(), v.finite(), v.minValue(0));

/**
 * What the student has marked on a card in the card browser: suspended (never studied until
 * unsuspended), buried until a time (the start of the next study day), a flag. One row per card,
 * stored in `cardMarks` and carried by backups; a card with no mark has no row.
 */
export const CardMarkSchema = v.object({
	cardId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	suspended: v.boolean(),
	buriedUntil: v.nullable(Time),
	flag: v.nullable(v.picklist(FLAGS)),
	updatedAt: Time
});

export type CardMark = v.InferOutput<typeof CardMarkSchema>;

/** What the card browser can do to a card. */
export type MarkAction =
	| { kind: 'suspend' }
	| { kind: 'unsuspend' }
	/** Buries the card until `until`, the end of the current study day. */
	| { kind: 'bury'; until: number }
	| { kind: 'unbury' }
	| { kind: 'flag'; flag: Flag | null };

/** True when the card is buried at `now` (a burial ends when its study day does). */
export function isBuried(mark: CardMark | undefined | null, now: number): boolean {
	return !!mark && mark.buriedUntil !== null && mark.buriedUntil > now;
}

/** True when study must not show the card at `now`: suspended, or buried. */
export function isHidden(mark: CardMark | undefined | null, now: number): boolean {
	return !!mark && (mark.suspended || isBuried(mark, now));
}

/** The cards study may show at `now`: every one neither suspended nor buried. */
export function studyable<C extends { id: string }>(
	cards: readonly C[],
	marks: ReadonlyMap<string, CardMark>,
	now: number
): C[] {
	return marks.size === 0 ? [...cards] : cards.filter((c) => !isHidden(marks.get(c.id), now));
}

/**
 * The card's mark after `action` at `now`, or null when nothing is left marked (the row is then
 * removed). An expired burial is dropped on the way.
 */
export function applyMark(
	current: CardMark | undefined | null,
	cardId: string,
	action: MarkAction,
	now: number
): CardMark | null {
	const next: CardMark = {
		cardId,
		suspended: current?.suspended ?? false,
		buriedUntil: isBuried(current, now) ? current!.buriedUntil : null,
		flag: current?.flag ?? null,
		updatedAt: now
	};
	if (action.kind === 'suspend') next.suspended = true;
	else if (action.kind === 'unsuspend') next.suspended = false;
	else if (action.kind === 'bury') next.buriedUntil = action.until;
	else if (action.kind === 'unbury') next.buriedUntil = null;
	else next.flag = action.flag;
	return !next.suspended && next.buriedUntil === null && next.flag === null ? null : next;
}

/** The states the card browser filters by: FSRS's four, and the two marks that hide a card. */
export const BROWSE_STATES = [
	'new',
	'learning',
	'review',
	'relearning',
	'suspended',
	'buried'
] as const;
export type BrowseState = (typeof BROWSE_STATES)[number];

export const BROWSE_STATE_NAMES: Record<BrowseState, string> = {
	new: 'New',
	learning: 'Learning',
	review: 'Review',
	relearning: 'Relearning',
	suspended: 'Suspended',
	buried: 'Buried'
};

/** The card's scheduling state as the browser names it (never studied: new). */
export function scheduleState(
	state: CardState | undefined | null
): 'new' | 'learning' | 'review' | 'relearning' {
	switch (state?.state) {
		case State.Learning:
			return 'learning';
		case State.Review:
			return 'review';
		case State.Relearning:
			return 'relearning';
		default:
			return 'new';
	}
}

/** True when the card is in `wanted`: its scheduling state, or suspended or buried now. */
export function inBrowseState(
	wanted: BrowseState,
	state: CardState | undefined | null,
	mark: CardMark | undefined | null,
	now: number
): boolean {
	if (wanted === 'suspended') return !!mark?.suspended;
	if (wanted === 'buried') return isBuried(mark, now);
	return scheduleState(state) === wanted;
}
