import { withHash } from './cards';
import type { Essay } from './essay';
import type { Fact } from './facts';
import type { Slip } from './schema';
import { normalizeText, slugify } from './text';
import type { Card, ClozeCard } from './types';

const MIN_WORDS = 8;
const MAX_WORDS = 60;
const DISTRACTORS = 3;

type FigureClass = 'money' | 'percent' | 'quantity' | 'duration';

function figureClass(text: string): FigureClass {
	if (text.includes('$')) return 'money';
	if (text.includes('%')) return 'percent';
	if (/years|decades/.test(text)) return 'duration';
	return 'quantity';
}

/** Same-kind facts from elsewhere in the essay, nearest first, as distractors. */
function distractorsFor(fact: Fact, all: Fact[]): string[] {
	const key = (f: Fact) => normalizeText(f.text).toLowerCase();
	const sameKind = all.filter(
		(f) =>
			f.kind === fact.kind &&
			!f.keys.some((k) => fact.keys.includes(k)) &&
			(fact.kind !== 'figure' || figureClass(f.text) === figureClass(fact.text))
	);
	const unique = [...new Map(sameKind.map((f) => [key(f), f])).values()];
	if (fact.kind === 'year') {
		const year = parseInt(fact.text, 10);
		const decade = fact.text.endsWith('s');
		unique.sort(
			(a, b) =>
				Math.abs(parseInt(a.text, 10) - year) - Math.abs(parseInt(b.text, 10) - year) ||
				a.text.localeCompare(b.text)
		);
		return unique
			.filter((f) => f.text.endsWith('s') === decade)
			.slice(0, DISTRACTORS)
			.map((f) => f.text);
	}
	return unique.slice(0, DISTRACTORS).map((f) => f.text);
}

/** Extends an entity's blank over a following "(ACRONYM)" so the blank gives nothing away. */
function blankEnd(fact: Fact): number {
	if (fact.kind !== 'entity') return fact.end;
	const after = /^\s*\([A-Z]{2,}\)/.exec(fact.sentence.slice(fact.end));
	return after ? fact.end + after[0].length : fact.end;
}

export interface GenerateInput {
	essay: Essay;
	facts: Fact[];
	slips: Slip[];
	authored: Card[];
}

/**
 * Makes cloze cards from the essay's sentences that state a year, a figure with a unit or a named
 * entity, one per fact and sentence. Deterministic: the same essay gives the same cards and ids.
 * Skips sentences that are too short or too long, hold a slip, or repeat an entity already blanked
 * in the section, and facts an authored cloze already blanks in the same sentence.
 */
export function generateClozes({ essay, facts, slips, authored }: GenerateInput): ClozeCard[] {
	const cards: ClozeCard[] = [];
	const usedIds = new Set<string>();
	const entitySeen = new Set<string>();
	const sentenceKey = (s: string) => normalizeText(s);
	const holdsSlip = (f: Fact) =>
		slips.some((s) => sentenceKey(f.sentence).includes(normalizeText(s.quote)));
	// A slipped figure is no fact: it neither gets a card nor serves as a distractor.
	const sound = facts.filter((f) => !holdsSlip(f));
	for (const fact of sound) {
		const wordCount = sentenceKey(fact.sentence).split(' ').length;
		if (wordCount < MIN_WORDS || wordCount > MAX_WORDS) continue;
		if (fact.kind === 'entity') {
			const seenKey = `${fact.section}:${fact.keys[0]}`;
			if (entitySeen.has(seenKey)) continue;
			entitySeen.add(seenKey);
		}
		const citing = authored.filter(
			(c) =>
				c.section === fact.section &&
				sentenceKey(fact.sentence).includes(normalizeText(c.source.quote))
		);
		const supersededBy = citing.find(
			(c) =>
				c.type === 'cloze' &&
				c.blanks.some((b) => fact.keys.includes(normalizeText(b.answer).toLowerCase()))
		);
		if (supersededBy) continue;

		const end = blankEnd(fact);
		const answer = fact.sentence.slice(fact.start, fact.end);
		const text = `${fact.sentence.slice(0, fact.start)}{{1}}${fact.sentence.slice(end)}`;
		const baseId = `g-${fact.section}-${fact.kind}-${slugify(answer)}`;
		let id = baseId;
		for (let n = 2; usedIds.has(id); n++) id = `${baseId}-${n}`;
		usedIds.add(id);
		const section = essay.sections.find((s) => s.slug === fact.section);
		const tags = [...new Set(citing.flatMap((c) => c.tags))].sort();
		const accepted = (fact.names ?? []).filter((n) => n.toLowerCase() !== answer.toLowerCase());
		cards.push(
			withHash({
				id,
				type: 'cloze',
				section: fact.section,
				tags,
				prompt: text.replace('{{1}}', '[...]'),
				answer,
				explanation: `Stated in the essay's section "${section?.title ?? fact.section}".`,
				source: { section: fact.section, quote: fact.sentence },
				generated: true,
				text,
				blanks: [{ answer, accepted }],
				distractors: distractorsFor(fact, sound)
			})
		);
	}
	return cards;
}
