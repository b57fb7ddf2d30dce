// The seeded order a choice card's options or an ordering card's events are shown in, by the quiz
// and the study page alike. Apart from the quiz's drawing (`./select`), which checks what cards
// give away about each other: the study page shows a card's choices before anything else loads
// (issue 18) and needs none of that.
import type { Card, McqCard, OrderingCard } from '$lib/decks/types';
import { seedFrom, seededRandom, shuffle } from '$lib/random';

/** A random source for one card within a quiz, so each card is shuffled differently. */
const cardRandom = (cardId: string, seed: number) => seededRandom((seed ^ seedFrom(cardId)) >>> 0);

/** The options of a multiple-choice card in a stable shuffled order for this seed. */
export function optionOrder(card: McqCard, seed: number): string[] {
	return shuffle(card.options, cardRandom(card.id, seed));
}

/**
 * The events of an ordering card shuffled for this seed; never already in the correct order when
 * there are two or more (the shuffle is rotated by one if it happens to be).
 */
export function eventOrder(card: OrderingCard, seed: number): string[] {
	const order = shuffle(card.events, cardRandom(card.id, seed));
	const solved = order.every((event, i) => event === card.events[i]);
	return solved && order.length >= 2 ? [...order.slice(1), order[0]!] : order;
}

/**
 * The options or events a study card shows before its answer, from the quiz's seeded functions:
 * options shuffled, events never already in the right order.
 */
export function studyChoices(card: Card, seed: number): string[] {
	if (card.type === 'mcq') return optionOrder(card, seed);
	if (card.type === 'ordering') return eventOrder(card, seed);
	return [];
}
