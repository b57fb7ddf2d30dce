import { describe, expect, it } from 'vitest';
import { equivalentAnswers, quantityOf } from './equivalence';

const ENTITIES = [
	{ name: 'Eurasian Economic Union', kind: 'organisation' as const, aliases: ['EEU', 'EAEU'] }
];

describe('equivalentAnswers', () => {
	it.each([
		['38 bcm', '1.3 tcf'],
		['38 billion cubic meters', '1.3 trillion cubic feet'],
		['30 years', 'three decades'],
		['nearly 30 years', 'almost three decades'],
		['30', '30%'],
		['three', '3'],
		['$400 billion', '$400 Billion'],
		['US$400 billion', '400 billion dollars'],
		['one and a half decades', '15 years'],
		['The Soviet Union', 'Soviet Union'],
		['EAEU', 'Eurasian Economic Union']
	])('"%s" is "%s"', (a, b) => {
		expect(equivalentAnswers(a, b, ENTITIES)).toBe(true);
		expect(equivalentAnswers(b, a, ENTITIES)).toBe(true);
	});

	it.each([
		['30%', '31%'],
		['2014', '2015'],
		['1990s', '1990'],
		['30 years', '30%'],
		['$69.6 billion', '$84.2 billion'],
		['38 bcm', '61 bcm'],
		['Russia', 'China'],
		['Russia gains a market for its gas', 'China gains a market for its gas']
	])('"%s" is not "%s"', (a, b) => {
		expect(equivalentAnswers(a, b, ENTITIES)).toBe(false);
	});
});

describe('quantityOf', () => {
	it('reads figures in words and digits and leaves names and sentences alone', () => {
		expect(quantityOf('three decades')).toMatchObject({ dimension: 'duration', value: 30 });
		expect(quantityOf('$69.6 Billion')).toMatchObject({ dimension: 'money', value: 69.6e9 });
		expect(quantityOf('1896')).toMatchObject({ dimension: 'year', value: 1896 });
		expect(quantityOf('Gazprom')).toBeUndefined();
		expect(quantityOf('a')).toBeUndefined();
		expect(quantityOf('three')).toMatchObject({ dimension: 'plain', value: 3 });
		expect(
			quantityOf('Because Russia needed the money for 30 years of growth and more')
		).toBeUndefined();
	});
});
