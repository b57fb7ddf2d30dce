import { describe, expect, it } from 'vitest';
import type { Card } from '$lib/decks/types';
import {
	basicCard,
	clozeCard,
	mcqCard,
	numericCard,
	orderingCard,
	trueFalseCard,
	typedCard
} from './fixtures';
import { eventOrder, isQuizzable, optionOrder, quizKind, selectQuestions } from './select';

/** A deck shaped like a real section: many clozes and choices, a few of the rarer types. */
const DECK: Card[] = [
	...Array.from({ length: 12 }, (_, i) => clozeCard([[`answer of cloze-${i}`]], `cloze-${i}`)),
	...Array.from({ length: 8 }, (_, i) => mcqCard([`right-${i}`, 'b', 'c', 'd'], `mcq-${i}`)),
	...Array.from({ length: 6 }, (_, i) => trueFalseCard(i % 2 === 0, `tf-${i}`)),
	...Array.from({ length: 4 }, (_, i) => typedCard(`answer of typed-${i}`, [], `typed-${i}`)),
	...Array.from({ length: 3 }, (_, i) => basicCard(`answer of basic-${i}`, `basic-${i}`)),
	numericCard(38, 'bcm', [], 0, 'numeric-0'),
	orderingCard(['one', 'two', 'three'], 'ordering-0')
];
const ids = (cards: Card[]) => cards.map((c) => c.id);

describe('selectQuestions', () => {
	it('gives the same quiz for the same seed', () => {
		expect(ids(selectQuestions(DECK, 10, 42))).toEqual(ids(selectQuestions(DECK, 10, 42)));
	});

	it('gives different quizzes for different seeds', () => {
		const quizzes = new Set(
			[1, 2, 3, 4, 5].map((seed) => ids(selectQuestions(DECK, 10, seed)).join())
		);
		expect(quizzes.size).toBe(5);
	});

	it.each([1, 2, 3, 99])(
		'mixes every type the deck holds in a 10-question quiz (seed %i)',
		(seed) => {
			const quiz = selectQuestions(DECK, 10, seed);
			expect(quiz).toHaveLength(10);
			expect(new Set(quiz.map((c) => c.type)).size).toBe(7);
			expect(new Set(ids(quiz)).size).toBe(10);
		}
	);

	it.each([
		[5, 5],
		[20, 20],
		['all' as const, DECK.length],
		[1000, DECK.length],
		[0, 0]
	])('draws %j questions as %i cards', (count, length) => {
		const quiz = selectQuestions(DECK, count, 7);
		expect(quiz).toHaveLength(length);
		expect(new Set(ids(quiz)).size).toBe(length);
	});

	it('asks every card once in an "all" quiz', () => {
		expect(ids(selectQuestions(DECK, 'all', 3)).sort()).toEqual(ids(DECK).sort());
	});

	it('returns an empty quiz for an empty deck', () => {
		expect(selectQuestions([], 10, 1)).toEqual([]);
	});
});

describe('optionOrder and eventOrder', () => {
	const mcq = mcqCard(['Beijing', 'Moscow', 'Astana', 'Bishkek', 'Tashkent']);
	const ordering = orderingCard(['1891', '1896', '1911', '1917', '1950']);

	it('shuffles options stably per seed and keeps every option', () => {
		expect(optionOrder(mcq, 5)).toEqual(optionOrder(mcq, 5));
		expect([...optionOrder(mcq, 5)].sort()).toEqual([...mcq.options].sort());
		const orders = new Set([1, 2, 3, 4, 5, 6].map((seed) => optionOrder(mcq, seed).join()));
		expect(orders.size).toBeGreaterThan(1);
	});

	it('puts the correct option in different places across seeds', () => {
		const places = new Set(
			Array.from({ length: 40 }, (_, seed) => optionOrder(mcq, seed).indexOf('Beijing'))
		);
		expect(places.size).toBe(5);
	});

	it('never hands out events already in the correct order', () => {
		for (let seed = 0; seed < 300; seed++) {
			const order = eventOrder(ordering, seed);
			expect(order).not.toEqual(ordering.events);
			expect([...order].sort()).toEqual([...ordering.events].sort());
		}
		const pair = orderingCard(['first', 'second']);
		for (let seed = 0; seed < 20; seed++)
			expect(eventOrder(pair, seed)).toEqual(['second', 'first']);
	});

	it('keeps events stable per seed', () => {
		expect(eventOrder(ordering, 11)).toEqual(eventOrder(ordering, 11));
	});
});

describe('quizKind', () => {
	it.each([
		[mcqCard(['a', 'b']), 'choice'],
		[trueFalseCard(true), 'truefalse'],
		[typedCard('a'), 'text'],
		[basicCard('a'), 'text'],
		[clozeCard([['a']]), 'blanks'],
		[numericCard(1, 'years'), 'number'],
		[orderingCard(['a', 'b']), 'order']
	])('asks a %s card with a %s input', (card, kind) => {
		expect(quizKind(card)).toBe(kind);
	});
});

describe('isQuizzable', () => {
	it('keeps short basic answers and every other type, leaves sentence answers to study', () => {
		const base = {
			id: 'b',
			section: 'history' as const,
			tags: [],
			prompt: 'Q?',
			explanation: 'E.',
			source: { section: 'history' as const, quote: 'q' },
			generated: false,
			hash: 'h'
		};
		expect(isQuizzable({ ...base, type: 'basic', answer: 'Fyodor Baykov' })).toBe(true);
		expect(
			isQuizzable({
				...base,
				type: 'basic',
				answer: 'Both are seeking other markets amid difficulties in ties'
			})
		).toBe(false);
		expect(isQuizzable({ ...base, type: 'typed', answer: 'a b c d e f g h', accepted: [] })).toBe(
			true
		);
	});
});
