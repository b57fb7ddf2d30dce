import { describe, expect, it } from 'vitest';
import type { NumericCard } from '$lib/decks/types';
import { gradeResponse } from './grade';
import { GAS, numericCard, PEOPLE, PIPELINE, SHARE, TRADE, YEARS } from './fixtures';

const grade = (card: NumericCard, text: string) => gradeResponse(card, { kind: 'number', text });

describe('numeric answers', () => {
	it.each([
		[GAS, '38'],
		[GAS, '38 billion'],
		[GAS, '38,000,000,000'],
		[GAS, '38000000000'],
		[GAS, '38 bcm'],
		[GAS, '38bcm'],
		[GAS, '38 billion cubic meters'],
		[GAS, '38 Billion Cubic Metres'],
		[GAS, '38 billion m³'],
		[GAS, '38 bn cubic meters per year'],
		[GAS, '38 billion cubic'],
		[GAS, '38,000 million cubic meters'],
		[GAS, '38.0'],
		[SHARE, '10.9'],
		[SHARE, '10.9%'],
		[SHARE, '10.9 %'],
		[SHARE, '10.9 percent'],
		[SHARE, '10.9 per cent'],
		[SHARE, '10,9'],
		[TRADE, '$69.6 billion'],
		[TRADE, 'US$69.6 Billion'],
		[TRADE, '69.6 billion USD'],
		[TRADE, '69.6 bn USD'],
		[TRADE, '69.6 billion dollars'],
		[TRADE, '69,600,000,000'],
		[TRADE, '$69,600,000,000'],
		[PIPELINE, '1.3 trillion'],
		[PIPELINE, '1.3 tcf'],
		[PIPELINE, '1,300 billion cubic feet'],
		[YEARS, '15'],
		[YEARS, '15 years'],
		[YEARS, '15 year'],
		[YEARS, '15 yrs'],
		[PEOPLE, '141'],
		[PEOPLE, '141 million'],
		[PEOPLE, '141 m'],
		[PEOPLE, '141 million people'],
		[PEOPLE, '141,000,000'],
		[PEOPLE, '141 people']
	])('%# accepts %j', (card, text) => {
		expect(grade(card, text)).toMatchObject({
			correct: true,
			score: 1,
			given: text,
			expected: card.answer
		});
	});

	it.each([
		[GAS, '37'],
		[GAS, '38 million'],
		[GAS, '38 trillion cubic meters'],
		[GAS, '38 kg'],
		[GAS, '38 billion barrels'],
		[GAS, '$38 billion'],
		[GAS, 'thirty-eight'],
		[GAS, ''],
		[SHARE, '109'],
		[SHARE, '10.9 years'],
		[TRADE, '69.6 million'],
		[TRADE, '€69.6 billion'],
		[YEARS, '15 billion'],
		[YEARS, '15 %'],
		[YEARS, '1,5'],
		[PEOPLE, '141 thousand'],
		[PEOPLE, '141 km']
	])('%# rejects %j', (card, text) => {
		expect(grade(card, text)).toMatchObject({ correct: false, score: 0 });
	});

	describe('tolerance edges are inclusive', () => {
		const card = numericCard(100, 'billion US dollars', ['billion USD'], 2.5);
		it.each([
			['97.5', true],
			['102.5', true],
			['102.5 billion', true],
			['102,500,000,000', true],
			['97.4', false],
			['102.6', false]
		])('%j is correct: %s', (text, correct) => {
			expect(grade(card, text).correct).toBe(correct);
		});
	});
});
