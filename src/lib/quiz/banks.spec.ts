import { describe, expect, it } from 'vitest';
import type { Card } from '$lib/decks/types';
import { realBanks } from './banks.fixture';
import { gradeResponse } from './grade';
import type { QuizResponse } from './types';

/** Every way the card's own answer may be given, as responses. */
function ownAnswers(card: Card): QuizResponse[] {
	switch (card.type) {
		case 'mcq':
			return [{ kind: 'choice', option: card.options[0]! }];
		case 'truefalse':
			return [{ kind: 'truefalse', value: card.statementIsTrue }];
		case 'basic':
			return [card.answer, ...(card.accepted ?? [])].map((text) => ({ kind: 'text', text }));
		case 'typed':
			return [card.answer, ...card.accepted].map((text) => ({ kind: 'text', text }));
		case 'cloze':
			return [
				{ kind: 'blanks', texts: card.blanks.map((b) => b.answer) },
				...card.blanks.flatMap((b, i) =>
					b.accepted.map((alt): QuizResponse => ({
						kind: 'blanks',
						texts: card.blanks.map((other, j) => (i === j ? alt : other.answer))
					}))
				)
			];
		case 'numeric':
			return [`${card.value} ${card.unit}`, `${card.value}`, card.answer].map((text) => ({
				kind: 'number',
				text
			}));
		case 'ordering':
			return [{ kind: 'order', events: card.events }];
	}
}

describe('the real question banks', () => {
	const { cards } = realBanks();

	it('has cards of every type to grade', () => {
		expect(cards.length).toBeGreaterThan(150);
		expect(new Set(cards.map((c) => c.type)).size).toBe(7);
	});

	it('grades every distractor and every opposite verdict as wrong', () => {
		const wrong = cards.flatMap((card) => {
			const responses: QuizResponse[] =
				card.type === 'mcq'
					? card.options.slice(1).map((option) => ({ kind: 'choice', option }))
					: card.type === 'truefalse'
						? [{ kind: 'truefalse', value: !card.statementIsTrue }]
						: [];
			return responses.map((response) => gradeResponse(card, response));
		});
		expect(wrong.length).toBeGreaterThan(100);
		expect(wrong.filter((result) => result.correct || result.score > 0)).toEqual([]);
	});

	it('grades every card’s own answers as fully correct', () => {
		const failures = cards.flatMap((card) =>
			ownAnswers(card)
				.map((response) => ({ id: card.id, response, result: gradeResponse(card, response) }))
				.filter(({ result }) => !result.correct || result.score !== 1 || result.nearMiss)
		);
		expect(failures).toEqual([]);
	});
});
