import { describe, expect, it } from 'vitest';
import { shiftDays, studyDay } from './day';
import {
	buildQueue,
	countQueue,
	customStudyParams,
	extraNewQueue,
	forgottenQueue,
	forgottenSince,
	newCardsAllowed,
	parseCustomStudy,
	requeue,
	reviewAheadQueue
} from './queue';
import { State, type CardState } from './states';

const cards = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const state = (cardId: string, due: number, s: State): CardState => ({
	cardId,
	due,
	stability: 1,
	difficulty: 5,
	elapsedDays: 0,
	scheduledDays: 1,
	learningSteps: 0,
	reps: 1,
	lapses: 0,
	state: s,
	lastReview: 0,
	lastLogId: 'x'
});

describe('buildQueue', () => {
	it('puts due cards first, earliest first, then new cards in deck order up to the limit', () => {
		const due = new Map([
			['c', state('c', 200, State.Review)],
			['a', state('a', 100, State.Learning)]
		]);
		const seen = new Set(['a', 'b', 'c']);
		const queue = buildQueue(cards, due, seen, 1);
		expect(queue.map((e) => e.card.id)).toEqual(['a', 'c', 'd']);
		expect(countQueue(queue)).toEqual({ new: 1, learning: 1, due: 1 });
	});

	it('shows no new card once the daily limit is used', () => {
		expect(buildQueue(cards, new Map(), new Set(), 0)).toEqual([]);
	});
});

describe('studyDay', () => {
	it('starts the day at the start hour: 3 am belongs to the day before', () => {
		const at3 = new Date(2026, 2, 10, 3, 0).getTime();
		const day = studyDay(at3, 4);
		expect(day.key).toBe('2026-03-09');
		expect(day.start).toBe(new Date(2026, 2, 9, 4).getTime());
		expect(day.end).toBe(new Date(2026, 2, 10, 4).getTime());
		expect(studyDay(new Date(2026, 2, 10, 5).getTime(), 4).key).toBe('2026-03-10');
	});
});

describe('requeue', () => {
	const entry = (id: string, due: number | null) => ({
		card: { id },
		state: due === null ? null : state(id, due, State.Learning)
	});
	it('puts a learning card back after what is due sooner and after new cards', () => {
		const rest = [entry('a', 100), entry('b', null)];
		expect(requeue(rest, entry('x', 500), 200, 10_000).map((e) => e.card.id)).toEqual([
			'a',
			'b',
			'x'
		]);
		expect(requeue(rest, entry('x', 50), 200, 10_000).map((e) => e.card.id)).toEqual([
			'x',
			'a',
			'b'
		]);
	});
	it('drops a card due after the study day ends', () => {
		expect(
			requeue([entry('a', 100)], entry('x', 20_000), 200, 10_000).map((e) => e.card.id)
		).toEqual(['a']);
	});
});

describe('content updates', () => {
	it('keeps a reworded card on its schedule, hides a removed card and shows an added one as new', () => {
		const due = new Map([
			['a', state('a', 100, State.Review)],
			['removed', state('removed', 100, State.Review)]
		]);
		const seen = new Set(['a', 'removed']);
		const updatedDeck = [{ id: 'a', prompt: 'reworded' }, { id: 'added' }];
		const queue = buildQueue(updatedDeck, due, seen, 10);
		expect(queue.map((e) => [e.card.id, e.state?.state ?? 'new'])).toEqual([
			['a', State.Review],
			['added', 'new']
		]);
	});
});

describe('newCardsAllowed', () => {
	it('takes what is left of the essay’s limit when the deck has none of its own', () => {
		expect(newCardsAllowed({ essay: 20, deck: null }, { essay: 5, deck: 5 })).toBe(15);
		expect(newCardsAllowed({ essay: 20, deck: null }, { essay: 25, deck: 0 })).toBe(0);
	});
	it('takes the smaller of what is left of the deck’s limit and of the essay’s', () => {
		expect(newCardsAllowed({ essay: 20, deck: 5 }, { essay: 3, deck: 2 })).toBe(3);
		expect(newCardsAllowed({ essay: 20, deck: 5 }, { essay: 18, deck: 0 })).toBe(2);
		expect(newCardsAllowed({ essay: 20, deck: 5 }, { essay: 6, deck: 6 })).toBe(0);
		expect(newCardsAllowed({ essay: 20, deck: 0 }, { essay: 0, deck: 0 })).toBe(0);
	});
	it('a session obeys both: a deck limit of 2 gives two new cards though the essay allows 10', () => {
		const allowed = newCardsAllowed({ essay: 10, deck: 2 }, { essay: 0, deck: 0 });
		expect(buildQueue(cards, new Map(), new Set(), allowed).map((e) => e.card.id)).toEqual([
			'a',
			'b'
		]);
	});
});

describe('custom study', () => {
	const DAY = 86_400_000;
	it('parses its URL parameters and refuses anything else', () => {
		expect(parseCustomStudy('new', '10')).toEqual({ kind: 'new', count: 10 });
		expect(parseCustomStudy('ahead', '3')).toEqual({ kind: 'ahead', days: 3 });
		expect(parseCustomStudy('forgotten', '1')).toEqual({ kind: 'forgotten', days: 1 });
		for (const [more, n] of [
			['new', '0'],
			['new', '501'],
			['ahead', '366'],
			['ahead', '2.5'],
			['ahead', '-1'],
			['later', '3'],
			[null, '3'],
			['new', null]
		] as const) {
			expect(parseCustomStudy(more, n)).toBeNull();
		}
		const round = { kind: 'ahead', days: 7 } as const;
		const { more, n } = customStudyParams(round);
		expect(parseCustomStudy(more, n)).toEqual(round);
	});

	it('extra new cards: the next unseen cards in deck order, whatever today’s limit', () => {
		const queue = extraNewQueue(cards, new Set(['a', 'c']), 2);
		expect(queue.map((e) => [e.card.id, e.state])).toEqual([
			['b', null],
			['d', null]
		]);
		expect(extraNewQueue(cards, new Set(), 50)).toHaveLength(5);
	});

	it('review ahead: studied cards due before the window ends, earliest first, never new ones', () => {
		const states = new Map([
			['a', state('a', 5 * DAY, State.Review)],
			['b', state('b', 1 * DAY, State.Review)],
			['c', state('c', 9 * DAY, State.Review)],
			['d', state('d', 0, State.New)],
			['gone', state('gone', DAY, State.Review)]
		]);
		expect(reviewAheadQueue(cards, states, 6 * DAY).map((e) => e.card.id)).toEqual(['b', 'a']);
		expect(reviewAheadQueue(cards, states, DAY)).toEqual([]);
	});

	it('review forgotten: cards rated Again since the window began, with their states', () => {
		const logs = [
			{ cardId: 'c', rating: 1, reviewedAt: 100 },
			{ cardId: 'a', rating: 1, reviewedAt: 50 },
			{ cardId: 'b', rating: 3, reviewedAt: 120 },
			{ cardId: 'e', rating: 1, reviewedAt: 150 }
		];
		const forgotten = forgottenSince(logs, 100);
		expect([...forgotten].sort()).toEqual(['c', 'e']);
		const states = new Map([['c', state('c', 200, State.Relearning)]]);
		const queue = forgottenQueue(cards, states, forgotten);
		expect(queue.map((e) => [e.card.id, e.state?.state ?? null])).toEqual([
			['c', State.Relearning],
			['e', null]
		]);
	});

	it('shiftDays keeps the hour across a daylight-saving change', () => {
		const start = new Date(2026, 2, 27, 4).getTime();
		expect(new Date(shiftDays(start, 3)).getHours()).toBe(4);
		expect(new Date(shiftDays(start, 3)).getDate()).toBe(30);
		expect(shiftDays(start, -1)).toBe(new Date(2026, 2, 26, 4).getTime());
	});
});
