import type { LocatedItem, ParsedBank } from './bank';
import type { Essay } from '$lib/essay/parse';
import type { Fact } from './facts';
import { isSlipSentence } from './sentences';
import type { Slip } from './schema';
import { escapeRegExp, normalizeInline, normalizeText } from './text';
import { CARD_TYPES, type CardType, type ClozeCard, type SectionSlug } from './types';
import { answerText, quoteRanges, slipsCited, sourcesOf, testedText } from './validate';

export interface SectionCoverage {
	section: SectionSlug;
	title: string;
	authored: number;
	generated: number;
	/** Authored items by type. */
	byType: Record<CardType, number>;
	/** Generated cards by type (clozes only, today). */
	generatedByType: Record<CardType, number>;
	reasoning: number;
	claims: ClaimCoverage[];
	slips: SlipHandling[];
	/** Facts to test (those in slip sentences left out) and how many were left out. */
	facts: number;
	exempt: number;
	/** Facts no authored or generated card tests. */
	untested: Fact[];
}

/** Whether a key appears in tested text as a whole number or whole words. */
function mentions(tested: string, key: string): boolean {
	const numeric = /^[\d.]+$/.test(key);
	const pattern = numeric
		? `(?<![\\d.])${escapeRegExp(key)}(?![\\d]|\\.\\d)`
		: `(?<![a-z0-9])${escapeRegExp(key)}(?![a-z0-9])`;
	return new RegExp(pattern).test(tested.replace(/(\d),(?=\d{3})/g, '$1'));
}

/** Where a fact sits in its section's normalised text. */
function factRange(essay: Essay, fact: Fact): [number, number] | undefined {
	const section = essay.sections.find((s) => s.slug === fact.section);
	if (!section) return undefined;
	const sentence = normalizeInline(fact.sentence).trim();
	const at = section.normalized.indexOf(sentence);
	if (at === -1) return undefined;
	const start = at + normalizeInline(fact.sentence.slice(0, fact.start)).length;
	return [start, start + normalizeInline(fact.sentence.slice(fact.start, fact.end)).length];
}

/**
 * Whether an authored item tests a fact: it quotes where the fact is stated and names it (in its
 * answer when `inAnswer`, anywhere it asks or answers otherwise).
 */
export function itemTestsFact(
	essay: Essay,
	located: LocatedItem,
	fact: Fact,
	inAnswer = false
): boolean {
	const text = essay.sections.find((s) => s.slug === fact.section)?.normalized ?? '';
	const range = factRange(essay, fact);
	if (!range) return false;
	const quoted = sourcesOf(located.item, located.bankSection).some(
		(q) =>
			q.section === fact.section &&
			quoteRanges(text, q.quote).some(([a, b]) => a <= range[0] && range[1] <= b)
	);
	if (!quoted) return false;
	const tested = inAnswer ? answerText(located.item) : testedText(located.item);
	return fact.keys.some((k) => mentions(tested, k));
}

/** How the cards of a section handle one of its slips. */
export interface SlipHandling {
	id: string;
	/** Authored items whose source quotes the slip's sentence. */
	items: string[];
	/** Of those, the ones that teach the real record (`beyond: true`). */
	beyond: string[];
	/** The others: they ask what the essay claims. */
	essayClaim: string[];
}

export interface ClaimCoverage {
	id: string;
	text: string;
	/** Ids of the cards that test the claim. */
	cards: string[];
}

export interface CoverageInput {
	essay: Essay;
	banks: readonly ParsedBank[];
	items: readonly LocatedItem[];
	generated: readonly ClozeCard[];
	facts: readonly Fact[];
	slips: readonly Slip[];
}

/** Whether a generated cloze blanks the fact (or, for an entity, the same entity in its section). */
function generatedTests(card: ClozeCard, fact: Fact): boolean {
	if (card.section !== fact.section) return false;
	const answer = normalizeText(card.blanks[0]?.answer ?? '').toLowerCase();
	if (normalizeText(card.source.quote) === normalizeText(fact.sentence)) {
		if (answer === normalizeText(fact.sentence.slice(fact.start, fact.end)).toLowerCase())
			return true;
	}
	return fact.kind === 'entity' && fact.keys.includes(answer);
}

/**
 * Per section: cards by type (authored and generated), reasoning items, the claims and the cards
 * testing each, how each slip is handled, and the facts no card tests (facts in slip sentences
 * are exempt: they are never drilled).
 */
export function coverageReport({
	essay,
	banks,
	items,
	generated,
	facts,
	slips
}: CoverageInput): SectionCoverage[] {
	return essay.sections.map((section) => {
		const own = items.filter((i) => (i.item.section ?? i.bankSection) === section.slug);
		const zero = () =>
			Object.fromEntries(CARD_TYPES.map((t) => [t, 0])) as Record<CardType, number>;
		const byType = zero();
		for (const { item } of own) byType[item.type]++;
		const ownGenerated = generated.filter((c) => c.section === section.slug);
		const generatedByType = zero();
		generatedByType.cloze = ownGenerated.length;
		const sectionFacts = facts.filter((f) => f.section === section.slug);
		const studied = sectionFacts.filter((f) => !isSlipSentence(f.sentence, slips));
		const claims = banks
			.filter((b) => b.section === section.slug)
			.flatMap((b) => b.claims)
			.map((c) => ({
				id: c.id,
				text: c.text,
				cards: items.filter((i) => i.item.claims.includes(c.id)).map((i) => i.item.id)
			}));
		const sectionSlips = slips
			.filter((s) => s.section === section.slug)
			.map((slip) => {
				const citing = items.filter(
					(i) => slipsCited(essay, sourcesOf(i.item, i.bankSection), [slip]).length > 0
				);
				return {
					id: slip.id,
					items: citing.map((i) => i.item.id),
					beyond: citing.filter((i) => i.item.beyond).map((i) => i.item.id),
					essayClaim: citing.filter((i) => !i.item.beyond).map((i) => i.item.id)
				};
			});
		return {
			section: section.slug,
			title: section.title,
			authored: own.length,
			generated: ownGenerated.length,
			byType,
			generatedByType,
			reasoning: own.filter((i) => i.item.reasoning).length,
			claims,
			slips: sectionSlips,
			facts: studied.length,
			exempt: sectionFacts.length - studied.length,
			untested: studied.filter(
				(f) =>
					!items.some((i) => itemTestsFact(essay, i, f)) &&
					!ownGenerated.some((c) => generatedTests(c, f))
			)
		};
	});
}
