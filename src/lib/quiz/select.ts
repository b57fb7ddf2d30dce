import { CARD_TYPES, type Card, type McqCard, type OrderingCard } from '$lib/decks/types';
import { seedFrom, seededRandom, shuffle } from '$lib/random';
import type { QuizKind } from './types';

/** Which input the quiz shows for a card (basic cards are answered by typing their answer). */
export function quizKind(card: Card): QuizKind {
	switch (card.type) {
		case 'mcq':
			return 'choice';
		case 'truefalse':
			return 'truefalse';
		case 'basic':
		case 'typed':
			return 'text';
		case 'cloze':
			return 'blanks';
		case 'numeric':
			return 'number';
		case 'ordering':
			return 'order';
	}
}

/**
 * Draws a quiz: the cards of each type are shuffled, the types take turns (in a shuffled order) so
 * the quiz mixes what the deck holds, the draw is cut to `count` and shuffled once more so the types
 * do not come in a fixed cycle. The same cards and seed always give the same quiz.
 */
export function selectQuestions(cards: Card[], count: number | 'all', seed: number): Card[] {
	const random = seededRandom(seed);
	const piles = shuffle(CARD_TYPES, random)
		.map((type) =>
			shuffle(
				cards.filter((card) => card.type === type),
				random
			)
		)
		.filter((pile) => pile.length > 0);
	const limit = count === 'all' ? cards.length : Math.max(0, Math.floor(count));
	const drawn: Card[] = [];
	for (let round = 0; drawn.length < limit; round++) {
		const turn = piles.flatMap((pile) => (round < pile.length ? [pile[round]!] : []));
		if (turn.length === 0) break;
		drawn.push(...turn.slice(0, limit - drawn.length));
	}
	return shuffle(drawn, random);
}

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

/** Longest answer, in words, that a basic card may have to be asked as a typed quiz question. */
export const MAX_TYPED_WORDS = 6;

/**
 * Whether a card can be graded fairly in a quiz: a basic card whose answer is a whole sentence
 * cannot be typed back word for word, so it stays a flashcard (studied and self-rated).
 */
export function isQuizzable(card: Card): boolean {
	return card.type !== 'basic' || card.answer.trim().split(/\s+/).length <= MAX_TYPED_WORDS;
}
