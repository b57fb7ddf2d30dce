import { describe, expect, it } from 'vitest';
import { citationsBySentence } from '$lib/essay/locate';
import { getDecks } from '$lib/server/decks';
import { GET } from './cards.json/+server';
import { citationsOf, type ReaderCard } from './reader';

describe("the reader's cards", () => {
	it('cite the same sentences, in the same order, as locating every card in the browser did', async () => {
		const cards: ReaderCard[] = await GET().json();
		const { essay, decks } = getDecks();
		const all = decks.find((deck) => deck.id === 'all')!;
		expect(cards.map((c) => c.id)).toEqual(all.cards.map((c) => c.id));
		expect(citationsOf(cards)).toEqual(citationsBySentence(essay.sections, all.cards));
		expect(citationsOf(cards).size).toBeGreaterThan(100);
	});

	it('carry what the citation panel and the knowledge map show, and nothing else', async () => {
		const [card] = (await GET().json()) as ReaderCard[];
		expect(Object.keys(card!).sort()).toEqual(['answer', 'id', 'prompt', 'sentences', 'source']);
		expect(Object.keys(card!.source)).toEqual(['section']);
	});

	it('list a card citing two sentences under each, a sentence cited twice with both cards', () => {
		const card = (id: string, sentences: string[]): ReaderCard => ({
			id,
			prompt: id,
			answer: id,
			source: { section: 'history' },
			sentences
		});
		expect(citationsOf([card('a', ['s1', 's2']), card('b', ['s2'])])).toEqual(
			new Map([
				['s1', ['a']],
				['s2', ['a', 'b']]
			])
		);
	});
});
