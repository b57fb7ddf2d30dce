import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { reviewedState } from './fixtures';
import {
	applyMark,
	CardMarkSchema,
	inBrowseState,
	isHidden,
	scheduleState,
	studyable,
	type CardMark
} from './marks';
import { State } from './states';

const NOW = Date.UTC(2026, 0, 5, 12);
const HOUR = 3_600_000;
const mark = (fields: Partial<CardMark>): CardMark => ({
	cardId: 'a',
	suspended: false,
	buriedUntil: null,
	flag: null,
	updatedAt: NOW - HOUR,
	...fields
});

describe('card marks', () => {
	it('suspends, buries and flags, and removes the row once nothing is marked', () => {
		const suspended = applyMark(undefined, 'a', { kind: 'suspend' }, NOW);
		expect(suspended).toEqual(mark({ suspended: true, updatedAt: NOW }));
		const flagged = applyMark(suspended, 'a', { kind: 'flag', flag: 'blue' }, NOW);
		expect(flagged).toMatchObject({ suspended: true, flag: 'blue' });
		const unsuspended = applyMark(flagged, 'a', { kind: 'unsuspend' }, NOW);
		expect(unsuspended).toMatchObject({ suspended: false, flag: 'blue' });
		expect(applyMark(unsuspended, 'a', { kind: 'flag', flag: null }, NOW)).toBeNull();
		const buried = applyMark(undefined, 'a', { kind: 'bury', until: NOW + HOUR }, NOW);
		expect(buried).toMatchObject({ buriedUntil: NOW + HOUR });
		expect(applyMark(buried, 'a', { kind: 'unbury' }, NOW)).toBeNull();
	});

	it('drops a burial that has ended when the card is marked again', () => {
		const old = mark({ buriedUntil: NOW - 1 });
		expect(applyMark(old, 'a', { kind: 'flag', flag: 'red' }, NOW)).toMatchObject({
			buriedUntil: null,
			flag: 'red'
		});
	});

	it('hides suspended cards and buried ones until the burial ends, never flagged ones', () => {
		expect(isHidden(mark({ suspended: true }), NOW)).toBe(true);
		expect(isHidden(mark({ buriedUntil: NOW + 1 }), NOW)).toBe(true);
		expect(isHidden(mark({ buriedUntil: NOW }), NOW)).toBe(false);
		expect(isHidden(mark({ flag: 'red' }), NOW)).toBe(false);
		expect(isHidden(undefined, NOW)).toBe(false);
		const cards = ['a', 'b', 'c'].map((id) => ({ id }));
		const marks = new Map([
			['a', mark({ suspended: true })],
			['c', mark({ cardId: 'c', buriedUntil: NOW + HOUR })]
		]);
		expect(studyable(cards, marks, NOW).map((c) => c.id)).toEqual(['b']);
		expect(studyable(cards, marks, NOW + HOUR).map((c) => c.id)).toEqual(['b', 'c']);
	});

	it('names browse states from the schedule and the marks', () => {
		expect(scheduleState(undefined)).toBe('new');
		const relearning = reviewedState('a', 3, NOW, { state: State.Relearning });
		expect(scheduleState(relearning)).toBe('relearning');
		expect(inBrowseState('relearning', relearning, mark({ suspended: true }), NOW)).toBe(true);
		expect(inBrowseState('suspended', relearning, mark({ suspended: true }), NOW)).toBe(true);
		expect(inBrowseState('buried', undefined, mark({ buriedUntil: NOW - 1 }), NOW)).toBe(false);
		expect(inBrowseState('new', undefined, null, NOW)).toBe(true);
	});

	it('validates a stored or imported row', () => {
		expect(v.safeParse(CardMarkSchema, mark({ flag: 'blue' })).success).toBe(true);
		expect(v.safeParse(CardMarkSchema, mark({ flag: 'pink' as never })).success).toBe(false);
		expect(v.safeParse(CardMarkSchema, { ...mark({}), suspended: 'yes' }).success).toBe(false);
		expect(v.safeParse(CardMarkSchema, mark({ buriedUntil: -5 })).success).toBe(false);
	});
});
