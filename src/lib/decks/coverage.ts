import type { LocatedItem } from './bank';
import type { Essay } from './essay';
import type { Fact } from './facts';
import { normalizeInline } from './text';
import { CARD_TYPES, type CardType, type SectionSlug } from './types';
import { quoteRanges, sourcesOf, testedText } from './validate';

export interface SectionCoverage {
	section: SectionSlug;
	title: string;
	authored: number;
	generated: number;
	byType: Record<CardType, number>;
	facts: number;
	untested: Fact[];
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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

/** Whether an authored item tests a fact: it quotes where the fact is stated and names it. */
export function itemTestsFact(essay: Essay, located: LocatedItem, fact: Fact): boolean {
	const text = essay.sections.find((s) => s.slug === fact.section)?.normalized ?? '';
	const range = factRange(essay, fact);
	if (!range) return false;
	const quoted = sourcesOf(located.item, located.bankSection).some(
		(q) =>
			q.section === fact.section &&
			quoteRanges(text, q.quote).some(([a, b]) => a <= range[0] && range[1] <= b)
	);
	if (!quoted) return false;
	const tested = testedText(located.item);
	return fact.keys.some((k) => mentions(tested, k));
}

/** Per section: items by type and the facts no authored item tests. */
export function coverageReport(
	essay: Essay,
	items: LocatedItem[],
	generatedBySection: Map<string, number>,
	facts: Fact[]
): SectionCoverage[] {
	return essay.sections.map((section) => {
		const own = items.filter((i) => (i.item.section ?? i.bankSection) === section.slug);
		const byType = Object.fromEntries(CARD_TYPES.map((t) => [t, 0])) as Record<CardType, number>;
		for (const { item } of own) byType[item.type]++;
		const sectionFacts = facts.filter((f) => f.section === section.slug);
		return {
			section: section.slug,
			title: section.title,
			authored: own.length,
			generated: generatedBySection.get(section.slug) ?? 0,
			byType,
			facts: sectionFacts.length,
			untested: sectionFacts.filter((f) => !own.some((i) => itemTestsFact(essay, i, f)))
		};
	});
}
