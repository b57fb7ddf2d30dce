import { describe, expect, it } from 'vitest';
import { MIN_AUTHORED_PER_SECTION, MIN_AUTHORED_TOTAL } from '$lib/decks/compile';
import { CARD_TYPES } from '$lib/decks/types';
import { getDecks } from './decks';

// These tests run the compiler on the real questions/ folder: the numbers the foundation promises.
describe('the decks compiled from questions/', () => {
	const compiled = getDecks();
	const all = compiled.decks.find((d) => d.id === 'all')!;
	const authored = all.cards.filter((c) => !c.generated);

	it(`has at least ${MIN_AUTHORED_TOTAL} authored items and ${MIN_AUTHORED_PER_SECTION} per section`, () => {
		expect(authored.length).toBeGreaterThanOrEqual(MIN_AUTHORED_TOTAL);
		for (const section of compiled.coverage) {
			expect(section.authored, section.section).toBeGreaterThanOrEqual(MIN_AUTHORED_PER_SECTION);
		}
	});

	it('uses every item type', () => {
		for (const type of CARD_TYPES) {
			expect(authored.filter((c) => c.type === type).length, type).toBeGreaterThanOrEqual(2);
		}
	});

	it('tests every year, figure with a unit and named entity the essay states', () => {
		const untested = compiled.coverage.flatMap((s) =>
			s.untested.map((f) => `${s.section}: ${f.text}`)
		);
		expect(untested).toEqual([]);
		expect(compiled.unlisted).toEqual([]);
	});

	it('has a deck per section, the four required themes and one with everything', () => {
		const ids = compiled.index.decks.map((d) => d.id);
		expect(compiled.index.decks.filter((d) => d.kind === 'section')).toHaveLength(9);
		expect(ids).toEqual(
			expect.arrayContaining(['relations-history', 'belt-and-road', 'sco', 'energy', 'all'])
		);
		for (const deck of compiled.index.decks) expect(deck.cardCount, deck.id).toBeGreaterThan(0);
	});

	it('keeps ids unique and every source quote in its card section', () => {
		expect(new Set(all.cards.map((c) => c.id)).size).toBe(all.cards.length);
		for (const card of all.cards) expect(card.source.section).toBe(card.section);
	});

	it('generates cloze items from the essay', () => {
		expect(all.cards.filter((c) => c.generated).length).toBeGreaterThan(10);
	});
});
