import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claimsBlock, readClaimsBlock } from '$lib/decks/claims';
import { MAX_CARDS_PER_SENTENCE } from '$lib/decks/checks';
import {
	MIN_AUTHORED_PER_SECTION,
	MIN_AUTHORED_TOTAL,
	MIN_REASONING_PER_SECTION,
	MIN_REASONING_TOTAL
} from '$lib/decks/compile';
import { equivalentAnswers } from '$lib/decks/equivalence';
import { CARD_TYPES, type ClozeCard } from '$lib/decks/types';
import { citationsBySentence } from '$lib/essay/locate';
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

	it('lists the claims with the cards testing each in questions/README.md, up to date', () => {
		const readme = readFileSync('questions/README.md', 'utf8');
		expect(readClaimsBlock(readme), 'run npm run decks:check -- --write').toBe(
			claimsBlock(compiled.coverage)
		);
	});

	it('generates cloze items worth studying from the essay', () => {
		const generated = all.cards.filter((c): c is ClozeCard => c.generated && c.type === 'cloze');
		expect(generated.length).toBeGreaterThan(0);
		for (const card of generated) {
			expect(card.explanation, card.id).not.toMatch(/^Stated in/);
			const answer = card.blanks[0]!.answer;
			for (const d of card.distractors ?? []) {
				expect(equivalentAnswers(d, answer), `${card.id}: ${d}`).toBe(false);
			}
			expect(new Set(card.distractors).size, card.id).toBe(card.distractors?.length);
		}
	});

	it(`quotes no sentence in more than ${MAX_CARDS_PER_SENTENCE} cards, ordering items aside`, () => {
		const citing = citationsBySentence(
			compiled.essay.sections,
			all.cards.filter((c) => c.type !== 'ordering')
		);
		const over = [...citing].filter(([, ids]) => ids.length > MAX_CARDS_PER_SENTENCE);
		expect(over).toEqual([]);
	});

	it(`has at least ${MIN_REASONING_TOTAL} reasoning items and ${MIN_REASONING_PER_SECTION} per section, and a card for every claim`, () => {
		expect(authored.filter((c) => c.reasoning).length).toBeGreaterThanOrEqual(MIN_REASONING_TOTAL);
		for (const section of compiled.coverage) {
			expect(section.reasoning, section.section).toBeGreaterThanOrEqual(MIN_REASONING_PER_SECTION);
			for (const claim of section.claims) expect(claim.cards.length, claim.id).toBeGreaterThan(0);
		}
	});
});
