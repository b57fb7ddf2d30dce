import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '$lib/decks/compile';
import { citationsBySentence, locateCard, locateQuote, type LocatableSection } from './locate';

const sections: LocatableSection[] = [
	{
		slug: 'history',
		paragraphs: [
			{
				sentences: [
					{ id: 'history-1-1', text: 'The treaty was signed in 1896.' },
					{ id: 'history-1-2', text: 'It let the railway cross “Chinese   territory”.' }
				]
			},
			{ sentences: [{ id: 'history-2-1', text: 'Relations cooled in the 1960s.' }] }
		]
	},
	{
		slug: 'conclusion',
		paragraphs: [{ sentences: [{ id: 'conclusion-1-1', text: 'The treaty was signed in 1896.' }] }]
	}
];

const card = (id: string, section: string, quote: string) => ({ id, source: { section, quote } });

describe('locateQuote', () => {
	it('finds the sentence a quote is part of', () => {
		expect(locateQuote(sections, 'history', 'signed in 1896')).toEqual(['history-1-1']);
	});

	it('normalises quotes, dashes and spaces on both sides', () => {
		expect(locateQuote(sections, 'history', 'cross "Chinese territory"')).toEqual(['history-1-2']);
	});

	it('returns every sentence a quote spans, across paragraphs too', () => {
		expect(locateQuote(sections, 'history', 'in 1896. It let')).toEqual([
			'history-1-1',
			'history-1-2'
		]);
		expect(locateQuote(sections, 'history', 'territory". Relations cooled')).toEqual([
			'history-1-2',
			'history-2-1'
		]);
	});

	it('looks only in the named section and finds nothing for a missing quote', () => {
		expect(locateQuote(sections, 'conclusion', 'The treaty')).toEqual(['conclusion-1-1']);
		expect(locateQuote(sections, 'history', 'not in the essay')).toEqual([]);
		expect(locateQuote(sections, 'no-such-section', 'The treaty')).toEqual([]);
		expect(locateQuote(sections, 'history', '  ')).toEqual([]);
	});
});

describe('citationsBySentence', () => {
	it('lists the cards citing each sentence, ordering quotes included', () => {
		const cards = [
			card('a', 'history', 'signed in 1896'),
			card('b', 'history', '1896. It let'),
			{ ...card('c', 'history', 'Relations cooled'), quotes: ['Relations cooled', 'the railway'] }
		];
		expect(locateCard(sections, cards[2]!)).toEqual(['history-2-1', 'history-1-2']);
		expect(Object.fromEntries(citationsBySentence(sections, cards))).toEqual({
			'history-1-1': ['a', 'b'],
			'history-1-2': ['b', 'c'],
			'history-2-1': ['c']
		});
	});
});

describe('locateCard', () => {
	it("looks up an ordering card's quote in the section named for it", () => {
		const timeline = {
			...card('t', 'history', 'Relations cooled'),
			quotes: ['Relations cooled', 'The treaty was signed'],
			quoteSections: ['history', 'conclusion']
		};
		expect(locateCard(sections, timeline)).toEqual(['history-2-1', 'conclusion-1-1']);
	});
});

describe('the real essay and decks', () => {
	const dir = 'questions';
	const read = (file: string) => readFileSync(join(dir, file), 'utf8');
	const compiled = compileDecks({
		essay: read('essay.md'),
		decks: read('decks.yaml'),
		slips: read('slips.yaml'),
		entities: read('entities.yaml'),
		banks: readdirSync(join(dir, 'banks'))
			.filter((f) => f.endsWith('.yaml'))
			.map((f) => ({ file: `questions/banks/${f}`, text: read(`banks/${f}`) }))
	});
	const cards = compiled.decks.find((d) => d.id === 'all')!.cards;

	it("locates every card's quote in at least one sentence", () => {
		const unlocated = cards
			.filter(
				(c) => locateQuote(compiled.essay.sections, c.source.section, c.source.quote).length === 0
			)
			.map((c) => c.id);
		expect(cards.length).toBeGreaterThan(100);
		expect(unlocated).toEqual([]);
	});

	it('finds every ordering quote too', () => {
		const missing = cards.flatMap((c) =>
			c.type === 'ordering'
				? c.quotes.filter(
						(q, i) =>
							locateQuote(compiled.essay.sections, c.quoteSections?.[i] ?? c.section, q).length ===
							0
					)
				: []
		);
		expect(missing).toEqual([]);
	});
});
