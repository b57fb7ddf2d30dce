import type { CardType } from './types';

/** How each card type is named to students. */
export const CARD_TYPE_LABELS: Record<CardType, string> = {
	basic: 'Flashcard',
	cloze: 'Fill the blank',
	mcq: 'Multiple choice',
	truefalse: 'True or false',
	typed: 'Short answer',
	numeric: 'Number',
	ordering: 'Put in order'
};
