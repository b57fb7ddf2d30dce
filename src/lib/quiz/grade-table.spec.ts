import { describe, expect, it } from 'vitest';
import type { Card } from '$lib/decks/types';
import { realBanks } from './banks.fixture';
import { gradeResponse, gradeStoredResponse, QuizResponseKindError } from './grade';
import type { QuizResponse } from './types';

const { cards } = realBanks();
const card = (id: string): Card => {
	const found = cards.find((c) => c.id === id);
	if (!found) throw new Error(`no card ${id} in the banks`);
	return found;
};

const text = (t: string): QuizResponse => ({ kind: 'text', text: t });
const LONG = 'protect China against Japan '.repeat(400);

/** [card id, response, accepted?] over the real banks: what a teacher would and would not accept. */
const TABLE: [string, QuizResponse, boolean][] = [
	// Key terms: every term, in any order, typos forgiven per term; negations and far-off answers not.
	['hist-railway-treaty-protection', text('To protect China against Japanese attack'), true],
	['hist-railway-treaty-protection', text('protect China against Japan'), true],
	['hist-railway-treaty-protection', text('protection from a Japanese attack'), true],
	['hist-railway-treaty-protection', text('Russia promised to defend China from Japan'), true],
	['hist-railway-treaty-protection', text('against Japan, to protect China'), true],
	['hist-railway-treaty-protection', text('protecting China against the Japanese'), true],
	['hist-railway-treaty-protection', text('protekt China against Japan'), true],
	['hist-railway-treaty-protection', text('no idea'), false],
	['hist-railway-treaty-protection', text('protect China'), false],
	['hist-railway-treaty-protection', text('to attack Japan'), false],
	['hist-railway-treaty-protection', text('not to protect China against Japan'), false],
	['hist-railway-treaty-protection', text(LONG), false],
	['hist-railway-treaty-protection', text(''), false],
	['hist-railway-treaty-protection', text('   \t  '), false],
	['hist-railway-treaty-protection', text('?!…'), false],
	['pol-branches-names', text('judicial, legislative and executive'), true],
	['pol-branches-names', text('the legislature, the executive and the courts'), true],
	['pol-branches-names', text('legislative and executive'), false],
	['pol-federative-law-based-meaning', text('a federation of regions under the rule of law'), true],
	['pol-federative-law-based-meaning', text('a strong central government'), false],
	// A typo keeps each word's first letter and stays within that word's allowance.
	['bri-gas-and-oil-producer', text('natral gas and oil'), true],
	['bri-gas-and-oil-producer', text('coal and natural gas'), false],
	['bri-corridor-typed', text('Western Europe-Western Chna'), true],
	['bri-corridor-typed', text('Western China-Eastern Europe'), false],
	// Lists in any order.
	['collab-arctic-state-companies', text('Gazprom and Rosneft'), true],
	['collab-arctic-state-companies', text('Rosneft, Gazprom'), true],
	['collab-arctic-state-companies', text('gazprom & rosneft'), true],
	['collab-arctic-state-companies', text('Gazprom and Rosnft'), true],
	['collab-arctic-state-companies', text('Gazprom'), false],
	['collab-arctic-state-companies', text('Gazprom and Lukoil'), false],
	['bri-gas-and-oil-producer', text('oil and natural gas'), true],
	['bri-gas-and-oil-producer', text('natural gas, oil'), true],
	['bri-gas-and-oil-producer', text('coal and oil'), false],
	// Accepted forms and aliases, spacing.
	['hist-leaders-committed-today', text('Xi Jinping'), true],
	['hist-leaders-committed-today', text('Xi Jin Ping'), true],
	['hist-leaders-committed-today', text('President Xi'), true],
	['hist-leaders-committed-today', text('Hu Jintao'), false],
	['bri-eeu-stakes-typed', text('EEU'), true],
	['bri-eeu-stakes-typed', text('the Eurasian Economic Union'), true],
	['bri-eeu-stakes-typed', text('Eurasian Econmic Union'), true],
	['bri-eeu-stakes-typed', text('European Union'), false],
	['bri-eurasia-category', text('Eurasian'), true],
	['bri-eurasia-category', text('Asia'), false],
	['hist-khrushchev-cut-ties', text('Khrushchev'), true],
	['hist-khrushchev-cut-ties', text('Kruschev'), true],
	['hist-khrushchev-cut-ties', text('Stalin'), false],
	['hist-first-ambassador', text('Baikov'), true],
	['hist-first-ambassador', text('Fedor Baykov'), true],
	['pol-perestroika-term', text('Perestroyka'), true],
	['pol-perestroika-term', text('perestrojka'), true],
	['pol-perestroika-term', text('glasnost'), false],
	['pol-cpsu-dominated-government', text('CPSU'), true],
	['pol-cpsu-dominated-government', text('the communist party'), true],
	['bri-eeu-stakes-typed', text('eurasian  economic union.'), true],
	// Numbers and years are never forgiven as typos.
	['pol-putin-most-powerful', text('2000-2008'), true],
	['pol-putin-most-powerful', text('from 2000 until 2008'), true],
	['pol-putin-most-powerful', text('2001 to 2008'), false],
	['pol-putin-most-powerful', text('2000 to 2009'), false],
	['geo-gas-volume', { kind: 'number', text: '38 bcm' }, true],
	['geo-gas-volume', { kind: 'number', text: '38 billion cubic metres' }, true],
	['geo-gas-volume', { kind: 'number', text: '39 bcm' }, false],
	['geo-gas-volume', { kind: 'number', text: '83 bcm' }, false],
	['geo-gas-volume', { kind: 'number', text: '38 kg' }, false],
	['geo-gas-volume', { kind: 'number', text: '38xyz!!' }, false],
	['geo-gas-volume', { kind: 'number', text: 'about a lot' }, false],
	['geo-gas-volume', { kind: 'number', text: '' }, false],
	['bri-exports-to-china-numeric', { kind: 'number', text: '10.9 percent' }, true],
	['bri-exports-to-china-numeric', { kind: 'number', text: '10.8%' }, false],
	['bri-population-numeric', { kind: 'number', text: '141 million' }, true],
	['bri-population-numeric', { kind: 'number', text: '114 million' }, false],
	// Clozes, choices, true/false.
	['bri-sanctions-effects', { kind: 'blanks', texts: ['inflation', 'stagnation'] }, true],
	['bri-sanctions-effects', { kind: 'blanks', texts: ['inflation', 'enemy'] }, false],
	['bri-sanctions-effects', { kind: 'blanks', texts: ['inflaton', 'stagnation'] }, true],
	['bri-sanctions-effects', { kind: 'blanks', texts: [' ', ''] }, false],
	['hist-railway-treaty-year', { kind: 'choice', option: '1896' }, true],
	['hist-railway-treaty-year', { kind: 'choice', option: '1891' }, false],
	['hist-railway-treaty-year', { kind: 'choice', option: 'an option it does not have' }, false],
	['hist-hostility-length-inconsistent', { kind: 'truefalse', value: false }, true],
	['hist-hostility-length-inconsistent', { kind: 'truefalse', value: true }, false]
];

describe('grading real cards as a teacher would', () => {
	it('holds at least 60 responses', () => {
		expect(TABLE.length).toBeGreaterThanOrEqual(60);
	});

	it.each(
		TABLE.map(
			([id, response, right]) =>
				[id, JSON.stringify(response).slice(0, 80), right, response] as const
		)
	)('%s: %s is accepted: %s', (id, _, right, response) => {
		const result = gradeResponse(card(id), response);
		expect(result.correct).toBe(right);
		if (right) expect(result.score).toBe(1);
		else expect(result.score).toBeLessThan(1);
		if (!right && !result.diff) expect(result.nearMiss).toBeUndefined();
	});
});

describe('bad input gets a clear verdict', () => {
	it.each([
		['hist-railway-treaty-protection', text(''), 'empty'],
		['hist-railway-treaty-protection', text('  \n '), 'empty'],
		['hist-railway-treaty-protection', text('...!!'), 'empty'],
		['hist-railway-treaty-protection', text(LONG), 'too-long'],
		['geo-gas-volume', { kind: 'number', text: 'about a lot' }, 'not-a-number'],
		['geo-gas-volume', { kind: 'number', text: '38 kg' }, 'unit'],
		['hist-railway-treaty-year', { kind: 'choice', option: 'nothing' }, 'unknown-option'],
		['bri-sanctions-effects', { kind: 'blanks', texts: ['', ''] }, 'empty']
	] as const)('%s: %j is wrong because %s', (id, response, reason) => {
		expect(gradeResponse(card(id), response as QuizResponse)).toMatchObject({
			correct: false,
			score: 0,
			reason
		});
	});

	it('shows no diff for an answer that is simply different', () => {
		const result = gradeResponse(card('hist-railway-treaty-protection'), text('no idea'));
		expect(result.diff).toBeUndefined();
		expect(gradeResponse(card('hist-khrushchev-cut-ties'), text('Stalin')).diff).toBeUndefined();
	});

	it('shows a diff for a near miss and for a year one digit off', () => {
		expect(gradeResponse(card('pol-perestroika-term'), text('perestrojka'))).toMatchObject({
			correct: true,
			nearMiss: true
		});
		expect(gradeResponse(card('pol-perestroika-term'), text('perestrojka')).diff).toBeDefined();
		expect(gradeResponse(card('pol-perestroika-term'), text('glasnost')).diff).toBeUndefined();
	});

	it('names the key terms a partly right answer lacks', () => {
		expect(
			gradeResponse(card('hist-railway-treaty-protection'), text('protect China')).missingTerms
		).toEqual(['Japan']);
	});

	it.each([
		[{ kind: 'number', text: '1' }],
		[{ kind: 'text', text: 5 }],
		[{ kind: 'blanks', texts: 'a' }],
		[{ kind: 'nonsense' }],
		[null],
		['text']
	])(
		'refuses %j for a typed card with a typed error, and the stored-answer path never throws',
		(response) => {
			const typed = card('hist-khrushchev-cut-ties');
			expect(() => gradeResponse(typed, response as QuizResponse)).toThrow(QuizResponseKindError);
			expect(gradeStoredResponse(typed, response)).toMatchObject({
				correct: false,
				score: 0,
				reason: 'wrong-kind'
			});
		}
	);
});
