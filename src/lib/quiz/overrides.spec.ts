import { describe, expect, it } from 'vitest';
import { isBlank, matchesAccepted, responseKey, type AcceptedResponse } from './overrides';
import type { QuizResponse } from './types';

const accepted: AcceptedResponse[] = [
	{ cardId: 'a', response: { kind: 'text', text: 'Rosneft and Gazprom' } },
	{ cardId: 'b', response: { kind: 'choice', option: 'Kazakhstan' } },
	{ cardId: 'c', response: { kind: 'blanks', texts: ['Xi Jinping', '2013'] } },
	{ cardId: 'd', response: { kind: 'truefalse', value: false } },
	{ cardId: 'e', response: { kind: 'order', events: ['x', 'y', 'z'] } },
	{ cardId: 'f', response: { kind: 'number', text: '1.3 trillion' } }
];

describe('matchesAccepted', () => {
	it.each<[string, string, QuizResponse, boolean]>([
		['the same text', 'a', { kind: 'text', text: 'Rosneft and Gazprom' }, true],
		['case, punctuation and "&"', 'a', { kind: 'text', text: '  rosneft & GAZPROM! ' }, true],
		['an article more', 'a', { kind: 'text', text: 'the Rosneft and Gazprom' }, true],
		['a typo (not forgiven)', 'a', { kind: 'text', text: 'Rosneft and Gazprm' }, false],
		['another question', 'b', { kind: 'text', text: 'Rosneft and Gazprom' }, false],
		['another kind', 'a', { kind: 'choice', option: 'Rosneft and Gazprom' }, false],
		['the option', 'b', { kind: 'choice', option: 'Kazakhstan' }, true],
		['another option', 'b', { kind: 'choice', option: 'Uzbekistan' }, false],
		['both blanks', 'c', { kind: 'blanks', texts: ['xi jinping', '2013'] }, true],
		['one blank differs', 'c', { kind: 'blanks', texts: ['Xi Jinping', '2014'] }, false],
		['blanks moved', 'c', { kind: 'blanks', texts: ['Xi Jinping 2013'] }, false],
		['true/false', 'd', { kind: 'truefalse', value: false }, true],
		['the other value', 'd', { kind: 'truefalse', value: true }, false],
		['the order', 'e', { kind: 'order', events: ['x', 'y', 'z'] }, true],
		['another order', 'e', { kind: 'order', events: ['y', 'x', 'z'] }, false],
		['a number as typed', 'f', { kind: 'number', text: '1.3 Trillion' }, true],
		['a decimal point kept', 'f', { kind: 'number', text: '13 trillion' }, false]
	])('%s', (_, cardId, response, expected) => {
		expect(matchesAccepted(cardId, response, accepted)).toBe(expected);
	});

	it('never matches a blank answer, even if a blank one was somehow accepted', () => {
		const blank: AcceptedResponse[] = [{ cardId: 'a', response: { kind: 'text', text: ' ' } }];
		expect(matchesAccepted('a', { kind: 'text', text: '' }, blank)).toBe(false);
		expect(matchesAccepted('a', { kind: 'text', text: '?!' }, blank)).toBe(false);
	});
});

describe('responseKey and isBlank', () => {
	it('keeps kinds apart and blanks apart', () => {
		expect(responseKey({ kind: 'text', text: '5' })).not.toBe(
			responseKey({ kind: 'number', text: '5' })
		);
		expect(responseKey({ kind: 'blanks', texts: ['a b', 'c'] })).not.toBe(
			responseKey({ kind: 'blanks', texts: ['a', 'b c'] })
		);
	});

	it.each<[QuizResponse, boolean]>([
		[{ kind: 'text', text: '   ' }, true],
		[{ kind: 'number', text: '' }, true],
		[{ kind: 'blanks', texts: ['', ' . '] }, true],
		[{ kind: 'blanks', texts: ['', 'x'] }, false],
		[{ kind: 'choice', option: '' }, false],
		[{ kind: 'text', text: 'x'.repeat(10_000) }, false]
	])('isBlank(%j) is %s', (response, expected) => {
		expect(isBlank(response)).toBe(expected);
	});
});
