import type { LocatedItem } from './bank';
import { withHash } from './cards';
import {
	answersOf,
	byWhenBlank,
	clozeGiveaways,
	MAX_CARDS_PER_SENTENCE,
	type ItemSentences
} from './checks';
import { itemTestsFact } from './coverage';
import type { Essay } from '$lib/essay/parse';
import { equivalentAnswers } from './equivalence';
import type { Fact } from './facts';
import type { Entity, Slip } from './schema';
import { isSlipSentence, sentenceSpans } from './sentences';
import { normalizeText, slugify } from './text';
import type { ClozeCard } from './types';

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

/** The kind of entity a fact names (treaty, organisation, initiative). */
function entityKind(fact: Fact, entities: readonly Entity[]): string | undefined {
	return entities.find((e) => e.name === fact.names?.[0])?.kind;
}

/**
 * Same-kind facts from other sentences of the essay, nearest first, as distractors: years with years
 * (decades with decades), figures with figures of the same class, entities with entities of the
 * same kind; none equivalent to the answer or to another distractor.
 */
function distractorsFor(fact: Fact, all: Fact[], entities: readonly Entity[]): string[] {
	const kind = entityKind(fact, entities);
	// a value written in the fact's own sentence is no distractor: the student sees it there
	const visible = all.filter((f) => f.sentenceId === fact.sentenceId).flatMap((f) => f.keys);
	const sameKind = all.filter(
		(f) =>
			f.kind === fact.kind &&
			!f.keys.some((k) => visible.includes(k)) &&
			!f.keys.some((k) => fact.keys.includes(k)) &&
			(fact.kind !== 'figure' || figureClass(f.text) === figureClass(fact.text)) &&
			(fact.kind !== 'entity' || entityKind(f, entities) === kind) &&
			(fact.kind !== 'year' || f.text.endsWith('s') === fact.text.endsWith('s'))
	);
	if (fact.kind === 'year') {
		const year = parseInt(fact.text, 10);
		sameKind.sort(
			(a, b) =>
				Math.abs(parseInt(a.text, 10) - year) - Math.abs(parseInt(b.text, 10) - year) ||
				a.text.localeCompare(b.text)
		);
	}
	const chosen: string[] = [];
	for (const f of sameKind) {
		if (chosen.length === DISTRACTORS) break;
		if (equivalentAnswers(f.text, fact.text, entities)) continue;
		if (chosen.some((c) => equivalentAnswers(c, f.text, entities))) continue;
		chosen.push(f.text);
	}
	return chosen;
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
	/** The validated authored items. */
	items: LocatedItem[];
	/** The sentences each authored item quotes. */
	sentences: ItemSentences;
	entities: readonly Entity[];
	/** Claim id -> the claim's text. */
	claims: ReadonlyMap<string, string>;
	/** Ids of generated items the banks suppress: not made, and not counted against the cap. */
	suppress?: ReadonlySet<string>;
}

export interface Generated {
	cards: ClozeCard[];
	/** The suppressed ids that would have been made (any other suppressed id names nothing). */
	suppressed: string[];
}

/**
 * The explanation of a generated cloze: the claims that authored cards on the same sentence test,
 * or else the sentence that follows (or precedes) it in its paragraph.
 */
function contextOf(
	essay: Essay,
	fact: Fact,
	citing: LocatedItem[],
	claims: ReadonlyMap<string, string>,
	slips: readonly Slip[]
): string {
	const claimTexts = [...new Set(citing.flatMap((c) => c.item.claims))]
		.map((id) => claims.get(id))
		.filter((t): t is string => t !== undefined);
	if (claimTexts.length > 0) return `In the essay's argument: ${claimTexts.join(' ')}`;
	const spans = sentenceSpans(essay).get(fact.section) ?? [];
	const own = spans.find((s) => s.id === fact.sentenceId);
	const sound = (s: (typeof spans)[number] | undefined) =>
		s && s.paragraph === own?.paragraph && !isSlipSentence(s.text, slips) ? s : undefined;
	const next = sound(
		spans.find((s) => own && s.paragraph === own.paragraph && s.index === own.index + 1)
	);
	if (next) return `The essay goes on: "${next.text}"`;
	const previous = sound(
		spans.find((s) => own && s.paragraph === own.paragraph && s.index === own.index - 1)
	);
	if (previous) return `The essay has just said: "${previous.text}"`;
	const title = essay.sections.find((s) => s.slug === fact.section)?.title ?? fact.section;
	return `A fact the essay's section "${title}" builds its case on.`;
}

/**
 * Makes cloze cards from the essay's sentences that state a year, a figure with a unit or a named
 * entity, one per fact and sentence. Deterministic: the same essay gives the same ids (an id is
 * given before any skip that depends on the banks, so it never moves to another fact). Skips
 * sentences that are too short or too long or hold a slip, entities already blanked in the
 * section, facts an authored card tests in the same sentence (or whose answer it gives), blanks
 * readable from the rest of the sentence or after "by", and sentences already quoted by
 * {@link MAX_CARDS_PER_SENTENCE} cards. Suppressed items are not made and leave room for others.
 */
export function generateClozes(input: GenerateInput): Generated {
	const {
		essay,
		facts,
		slips,
		items,
		sentences,
		entities,
		claims,
		suppress = new Set<string>()
	} = input;
	const cards: ClozeCard[] = [];
	const suppressed: string[] = [];
	const usedIds = new Set<string>();
	const entitySeen = new Set<string>();
	const perSentence = new Map<string, number>();
	const citingBySentence = new Map<string, LocatedItem[]>();
	for (const located of items) {
		for (const id of sentences.get(located) ?? []) {
			citingBySentence.set(id, [...(citingBySentence.get(id) ?? []), located]);
			if (located.item.type !== 'ordering') perSentence.set(id, (perSentence.get(id) ?? 0) + 1);
		}
	}
	// A slipped figure is no fact: it neither gets a card nor serves as a distractor.
	const sound = facts.filter((f) => !isSlipSentence(f.sentence, slips));
	for (const fact of sound) {
		const wordCount = normalizeText(fact.sentence).split(' ').length;
		if (wordCount < MIN_WORDS || wordCount > MAX_WORDS) continue;
		if (fact.kind === 'entity') {
			const seenKey = `${fact.section}:${fact.keys[0]}`;
			if (entitySeen.has(seenKey)) continue;
			entitySeen.add(seenKey);
		}
		const answer = fact.sentence.slice(fact.start, fact.end);
		const baseId = `g-${fact.section}-${fact.kind}-${slugify(answer)}`;
		let id = baseId;
		for (let n = 2; usedIds.has(id); n++) id = `${baseId}-${n}`;
		usedIds.add(id);

		const citing = citingBySentence.get(fact.sentenceId) ?? [];
		const tested = citing.some(
			(c) =>
				itemTestsFact(essay, c, fact, true) ||
				answersOf(c.item).some((a) => equivalentAnswers(a, answer, entities))
		);
		if (tested) continue;
		if ((perSentence.get(fact.sentenceId) ?? 0) >= MAX_CARDS_PER_SENTENCE) continue;
		const end = blankEnd(fact);
		const text = `${fact.sentence.slice(0, fact.start)}{{1}}${fact.sentence.slice(end)}`;
		const accepted = (fact.names ?? []).filter((n) => n.toLowerCase() !== answer.toLowerCase());
		const blanks = [{ answer, accepted }];
		if (clozeGiveaways(text, blanks, entities)[0] !== undefined) continue;
		if (byWhenBlank(text, blanks)) continue;
		if (suppress.has(id)) {
			suppressed.push(id);
			continue;
		}
		perSentence.set(fact.sentenceId, (perSentence.get(fact.sentenceId) ?? 0) + 1);

		const tags = [...new Set(citing.flatMap((c) => c.item.tags))].sort();
		cards.push(
			withHash({
				id,
				type: 'cloze',
				section: fact.section,
				tags,
				prompt: text.replace('{{1}}', '[...]'),
				answer,
				explanation: contextOf(essay, fact, citing, claims, slips),
				source: { section: fact.section, quote: fact.sentence },
				generated: true,
				text,
				blanks,
				distractors: distractorsFor(fact, sound, entities)
			})
		);
	}
	return { cards, suppressed };
}
