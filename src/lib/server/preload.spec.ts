import { describe, expect, it } from 'vitest';
import { dataToPreload, withPreloads } from './preload';

describe('dataToPreload', () => {
	it('names the deck a study or quiz page fetches', () => {
		expect(dataToPreload('/study/[deckId]', { deckId: 'energy' })).toEqual(['/decks/energy.json']);
		expect(dataToPreload('/quiz/[deckId]', { deckId: 'belt-and-road' })).toEqual([
			'/decks/belt-and-road.json'
		]);
	});

	it('names the deck index and the whole-essay deck for the statistics page', () => {
		expect(dataToPreload('/stats', {})).toEqual(['/decks/index.json', '/decks/all.json']);
	});

	it('names nothing for an id that is not a deck id, or for other pages', () => {
		expect(dataToPreload('/study/[deckId]', { deckId: '"><script>' })).toEqual([]);
		expect(dataToPreload('/quiz/[deckId]', {})).toEqual([]);
		expect(dataToPreload('/', {})).toEqual([]);
		expect(dataToPreload(null, {})).toEqual([]);
	});
});

describe('withPreloads', () => {
	const page = '<html><head><title>x</title></head><body></body></html>';

	it('adds one fetch preload per URL at the end of the head', () => {
		const html = withPreloads(page, ['/decks/a.json', '/decks/b.json']);
		expect(html).toMatch(
			/<title>x<\/title>\s*<link rel="preload" href="\/decks\/a.json" as="fetch" crossorigin="anonymous">\s*<link rel="preload" href="\/decks\/b.json" as="fetch" crossorigin="anonymous">\s*<\/head><body>/
		);
	});

	it('leaves the page alone when there is nothing to preload', () => {
		expect(withPreloads(page, [])).toBe(page);
	});
});
