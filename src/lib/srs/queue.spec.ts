import { describe, expect, it } from 'vitest';
import { studyDay } from './day';
import { buildQueue, countQueue, requeue } from './queue';
import { State, type CardState } from './scheduler';

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
