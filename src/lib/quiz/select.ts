import type { Entity } from '$lib/decks/schema';
import { CARD_TYPES, type Card, type CardType } from '$lib/decks/types';
import { seededRandom, shuffle } from '$lib/random';
import { giveaway } from './giveaway';
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

/** A card's pile in a draw: its type, with reasoning items a pile of their own. */
type Pile = CardType | 'reasoning';
const PILES: readonly Pile[] = [...CARD_TYPES, 'reasoning'];
const pileOf = (card: Card): Pile =>
	card.type === 'mcq' && card.reasoning ? 'reasoning' : card.type;

export interface SelectOptions {
	/** The deck's named entities (questions/entities.yaml), so an alias counts as its name. */
	entities?: Entity[];
}

/**
 * Draws a quiz: the cards of each type (reasoning items apart) are shuffled, the piles take turns
 * (in a shuffled order) so the quiz mixes what the deck holds, and each pile gives its next card
 * that does not give away, or is not given away by, a card already drawn (see {@link giveaway}:
 * no two cards on one sentence of the essay, none showing another's answer). The draw stops at
 * `count` or when no card is left that fits, so a quiz may be shorter than asked on a small deck;
 * it is shuffled once more so the types do not come in a fixed cycle. `'all'` asks as many cards
 * as fit together. The same cards and seed always give the same quiz.
 */
export function selectQuestions(
	cards: Card[],
	count: number | 'all',
	seed: number,
	options: SelectOptions = {}
): Card[] {
	const random = seededRandom(seed);
	const piles = shuffle(PILES, random)
		.map((pile) =>
			shuffle(
				cards.filter((card) => pileOf(card) === pile),
				random
			)
		)
		.filter((pile) => pile.length > 0);
	const limit = count === 'all' ? cards.length : Math.max(0, Math.floor(count));
	const drawn: Card[] = [];
	const cursors = piles.map(() => 0);
	const fits = (card: Card) => drawn.every((other) => !giveaway(card, other, options.entities));
	while (drawn.length < limit) {
		let took = false;
		for (let p = 0; p < piles.length && drawn.length < limit; p++) {
			const pile = piles[p]!;
			while (cursors[p]! < pile.length) {
				const card = pile[cursors[p]!++]!;
				if (fits(card)) {
					drawn.push(card);
					took = true;
					break;
				}
			}
		}
		if (!took) break;
	}
	return shuffle(drawn, random);
}

export { eventOrder, optionOrder } from './choice-order';

/** Longest answer, in words, that a basic card may have to be asked as a typed quiz question. */
export const MAX_TYPED_WORDS = 6;

/**
 * Whether a card can be graded fairly in a quiz: a basic card whose answer is a whole sentence
 * cannot be typed back word for word, so it stays a flashcard (studied and self-rated) unless it
 * names the key terms a right answer must contain. Every other type is asked, reasoning items
 * (multiple choice) included.
 */
export function isQuizzable(card: Card): boolean {
	if (card.type !== 'basic') return true;
	if (card.keyTerms && card.keyTerms.length > 0) return true;
	return card.answer.trim().split(/\s+/).length <= MAX_TYPED_WORDS;
}
