import { describe, expect, it } from 'vitest';
import { allowedTypos, normalizeAnswer } from './normalize';

describe('normalizeAnswer', () => {
	it.each([
		['  The  Trans-Siberian   Railway ', 'trans siberian railway'],
		['Perestroïka', 'perestroika'],
		['Fyodor Baykov!', 'fyodor baykov'],
		["Russia's hard power", 'russias hard power'],
		['U.S. New Silk Road', 'us new silk road'],
		['a decade', 'decade'],
		['An increasingly centralized regime', 'increasingly centralized regime'],
		['Oil & gas', 'oil and gas'],
		['10.9%', '10.9'],
		['38,000,000,000', '38000000000'],
		['May 21, 2014', 'may 21 2014'],
		['Kyrgyzstán', 'kyrgyzstan']
	])('normalises %j to %j', (input, expected) => {
		expect(normalizeAnswer(input)).toBe(expected);
	});
});

describe('allowedTypos', () => {
	it.each([
		[1, 0],
		[3, 0],
		[4, 1],
		[7, 1],
		[8, 2],
		[14, 2],
		[15, 3],
		[60, 3]
	])('an answer of %i characters forgives %i typos', (length, typos) => {
		expect(allowedTypos(length)).toBe(typos);
	});
});
