import type { LocatedItem, ParsedBank } from './bank';
import type { Essay } from '$lib/essay/parse';
import { entityNamesOf, equivalentAnswers } from './equivalence';
import type { BankIssue } from './issues';
import { MAP_IDS } from './maps';
import type { Entity, RawItem } from './schema';
import { sentencesOfQuote } from './sentences';
import { escapeRegExp, normalizeText } from './text';
import { parseClozeText, sourcesOf } from './validate';

/** No more cards than this (authored and generated; ordering items aside) quote one sentence. */
export const MAX_CARDS_PER_SENTENCE = 4;

/** Words that cue a true/false statement's answer unless the essay itself uses them. */
export const ABSOLUTE_WORDS = [
	'always',
	'never',
	'only',
	'solely',
	'all',
	'completely',
	'entirely'
];

const BY_WHEN = /\bby (?:what|which) year\b|\bby when\b/i;
const YEARISH = /^(?:1[6-9]\d\d|20\d\d)s?$/;

export interface CheckContext {
	entities: readonly Entity[];
	/** Every claim id declared in a bank. */
	claimIds: ReadonlySet<string>;
	/** The sentences each item quotes ({@link itemSentences}). */
	sentences: ItemSentences;
}

type Add = (rule: string, message: string) => void;

/** Whether a name or figure is written in a text as whole words (acronyms match their case). */
export function mentionsForm(text: string, form: string): boolean {
	const f = normalizeText(form);
	if (f.length < 2) return false;
	const acronym = /^[A-Z0-9-]{2,}$/.test(f);
	const re = new RegExp(
		`(?<![\\p{L}\\p{N}])${escapeRegExp(f)}(?![\\p{L}\\p{N}])`,
		acronym ? 'u' : 'iu'
	);
	return re.test(normalizeText(text));
}

/** The forms of an answer that would give it away: itself, accepted forms, its entity's names. */
export function answerForms(
	answer: string,
	accepted: readonly string[],
	entities: readonly Entity[]
) {
	const forms = [answer, ...accepted];
	return [...new Set([...forms, ...forms.flatMap((f) => entityNamesOf(f, entities))])];
}

/**
 * For each blank of a cloze text (`{{n}}`), the form of its answer readable in the rest of the
 * text (the other blanks left out), if any.
 */
export function clozeGiveaways(
	text: string,
	blanks: readonly { answer: string; accepted: readonly string[] }[],
	entities: readonly Entity[],
	extra = ''
): (string | undefined)[] {
	const rest = `${text.replace(/\{\{\d+\}\}/g, ' … ')} ${extra}`;
	return blanks.map((b) =>
		answerForms(b.answer, b.accepted, entities).find((form) => mentionsForm(rest, form))
	);
}

/**
 * Whether a year blank follows "by" or "by the end of": it asks a deadline that a later year
 * would also meet.
 */
export function byWhenBlank(text: string, blanks: readonly { answer: string }[]): boolean {
	return blanks.some(
		(b, i) =>
			YEARISH.test(b.answer) &&
			new RegExp(`\\bby\\s+(?:the\\s+end\\s+of\\s+)?\\{\\{${i + 1}\\}\\}`, 'i').test(text)
	);
}

/** The answers an item asks for, to compare with other cards from the same sentence. */
export function answersOf(item: RawItem): string[] {
	switch (item.type) {
		case 'cloze':
			return parseClozeText(item.text).blanks.map((b) => b.answer);
		case 'numeric':
			return [`${item.answer}${item.unit === '%' ? '%' : item.unit ? ' ' + item.unit : ''}`];
		case 'truefalse':
		case 'ordering':
			return [];
		default:
			return [item.answer];
	}
}

/** Each item's quoted sentences (ids, in quote order), found once for every check that needs them. */
export type ItemSentences = ReadonlyMap<LocatedItem, readonly string[]>;

/** The ids of the sentences each item quotes: one pass over the items for the whole compile. */
export function itemSentences(essay: Essay, items: readonly LocatedItem[]): ItemSentences {
	return new Map(
		items.map((located) => [
			located,
			[
				...new Set(
					sourcesOf(located.item, located.bankSection).flatMap((q) =>
						sentencesOfQuote(essay, q.section, q.quote).map((s) => s.id)
					)
				)
			]
		])
	);
}

function itemRules(located: LocatedItem, ctx: CheckContext, add: Add) {
	const { item } = located;
	if (item.map !== undefined && !(MAP_IDS as readonly string[]).includes(item.map)) {
		add('unknown-map', `"${item.map}" is not one of ${MAP_IDS.join(', ')}`);
	}
	if (item.beyond && !/\bessay\b/i.test(item.explanation)) {
		add(
			'beyond-not-contrasted',
			'a beyond-the-essay item says in its explanation where the essay differs or what it adds (name "the essay")'
		);
	}
	if (item.reasoning && item.type !== 'mcq') {
		add('reasoning-not-mcq', 'a reasoning item is a multiple-choice item (type: mcq)');
	}
	if (item.reasoning && item.claims.length === 0) {
		add('reasoning-without-claims', 'a reasoning item names the claims it tests (claims: [...])');
	}
	for (const claim of item.claims) {
		if (!ctx.claimIds.has(claim)) add('unknown-claim', `"${claim}" is not a claim of any bank`);
	}
	const prompt = item.type === 'cloze' ? `${item.prompt ?? ''} ${item.text}` : item.prompt;
	if (BY_WHEN.test(prompt)) {
		add('by-when-stem', 'a "by what year / by when" stem is also true of any later year: ask when');
	}
	if (item.type === 'truefalse') {
		const quotes = sourcesOf(item, located.bankSection)
			.map((q) => q.quote)
			.join(' ');
		for (const word of ABSOLUTE_WORDS) {
			if (mentionsForm(item.prompt, word) && !mentionsForm(quotes, word)) {
				add(
					'truefalse-absolute',
					`"${word}" cues the answer of a true/false statement; the source does not use it`
				);
			}
		}
	}
	if (item.type === 'mcq') {
		const options = item.options ?? [item.answer, ...(item.distractors ?? [])];
		const answerKey = normalizeText(item.answer).toLowerCase();
		for (const option of options) {
			if (normalizeText(option).toLowerCase() === answerKey) continue;
			if (equivalentAnswers(item.answer, option, ctx.entities)) {
				add(
					'equivalent-distractor',
					`distractor "${option}" says the same as the answer "${item.answer}"`
				);
			}
		}
	}
	if (item.type === 'cloze') {
		const { text, blanks } = parseClozeText(item.text);
		clozeGiveaways(text, blanks, ctx.entities, item.prompt ?? '').forEach((form, i) => {
			if (form !== undefined) {
				add(
					'cloze-giveaway',
					`blank ${i + 1} ("${blanks[i]?.answer}") can be read from the rest of the text ("${form}")`
				);
			}
		});
		if (byWhenBlank(text, blanks)) {
			add('by-when-stem', 'a year blank after "by" is also true of any later year: ask when');
		}
	}
}

/**
 * The checks an editor would otherwise make by hand: maps, beyond-the-essay explanations,
 * reasoning items, claims named, "by when" stems, absolute words in true/false statements,
 * distractors equal to the answer, cloze giveaways, and duplicate cards (the same answer from the
 * same sentence).
 */
export function editorChecks(items: readonly LocatedItem[], ctx: CheckContext): BankIssue[] {
	const issues: BankIssue[] = [];
	const bySentence = new Map<string, { located: LocatedItem; answers: string[] }[]>();
	for (const located of items) {
		const at = { file: located.file, line: located.line, itemId: located.item.id };
		const add: Add = (rule, message) => issues.push({ ...at, rule, message });
		itemRules(located, ctx, add);
		const answers = answersOf(located.item);
		const duplicates = new Set<string>();
		for (const id of ctx.sentences.get(located) ?? []) {
			const earlier = bySentence.get(id) ?? [];
			for (const other of earlier) {
				if (duplicates.has(other.located.item.id)) continue;
				const same = answers.find((a) =>
					other.answers.some((b) => equivalentAnswers(a, b, ctx.entities))
				);
				if (same === undefined) continue;
				duplicates.add(other.located.item.id);
				add(
					'duplicate-card',
					`same answer "${same}" from the same sentence as ${other.located.item.id} (${other.located.file}:${other.located.line})`
				);
			}
			bySentence.set(id, [...earlier, { located, answers }]);
		}
	}
	return issues;
}

/** Authored items over the per-sentence cap (ordering items aside), one issue per item over it. */
export function sentenceCapIssues(
	items: readonly LocatedItem[],
	sentences: ItemSentences
): BankIssue[] {
	const citing = new Map<string, LocatedItem[]>();
	for (const located of items) {
		if (located.item.type === 'ordering') continue;
		for (const id of sentences.get(located) ?? [])
			citing.set(id, [...(citing.get(id) ?? []), located]);
	}
	const issues: BankIssue[] = [];
	for (const [sentence, list] of citing) {
		for (const over of list.slice(MAX_CARDS_PER_SENTENCE)) {
			issues.push({
				file: over.file,
				line: over.line,
				itemId: over.item.id,
				rule: 'sentence-cap',
				message: `sentence ${sentence} is quoted by ${list.length} cards (${list.map((l) => l.item.id).join(', ')}); at most ${MAX_CARDS_PER_SENTENCE}`
			});
		}
	}
	return issues;
}

export interface ReasoningMinimums {
	perSection: number;
	total: number;
}

/**
 * The claims of every bank: unique ids, each tested by at least one item; and enough reasoning
 * items per section and in all.
 */
export function claimIssues(
	banks: readonly ParsedBank[],
	items: readonly LocatedItem[],
	sections: readonly string[],
	minimums: ReasoningMinimums
): BankIssue[] {
	const issues: BankIssue[] = [];
	const seen = new Map<string, { file: string; line: number }>();
	for (const bank of banks) {
		for (const claim of bank.claims) {
			const at = { file: bank.file, line: claim.line, itemId: claim.id };
			const first = seen.get(claim.id);
			if (first) {
				issues.push({
					...at,
					rule: 'duplicate-claim',
					message: `claim id already used at ${first.file}:${first.line}`
				});
				continue;
			}
			seen.set(claim.id, at);
			if (!items.some((i) => i.item.claims.includes(claim.id))) {
				issues.push({ ...at, rule: 'claim-untested', message: 'no card tests this claim' });
			}
		}
	}
	const reasoning = items.filter((i) => i.item.reasoning);
	for (const section of sections) {
		const count = reasoning.filter((i) => (i.item.section ?? i.bankSection) === section).length;
		if (count >= minimums.perSection) continue;
		const bank = banks.find((b) => b.section === section);
		issues.push({
			file: bank?.file ?? `questions/banks/${section}.yaml`,
			line: bank?.sectionLine,
			rule: 'too-few-reasoning',
			message: `section ${section} has ${count} reasoning item(s); at least ${minimums.perSection} are needed`
		});
	}
	if (reasoning.length < minimums.total) {
		issues.push({
			file: 'questions/banks',
			rule: 'too-few-reasoning',
			message: `${reasoning.length} reasoning items in all; at least ${minimums.total} are needed`
		});
	}
	return issues;
}
