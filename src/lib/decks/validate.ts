import type { LocatedItem } from './bank';
import type { Essay } from '$lib/essay/parse';
import type { BankIssue } from './issues';
import type { RawItem, Slip } from './schema';
import { normalizeText } from './text';
import { SECTION_SLUGS } from './types';

export interface ValidationContext {
	essay: Essay;
	themeIds: Set<string>;
	slips: Slip[];
}

const YEAR_ONLY = /^\d{4}s?$/;
const HAS_DIGIT = /\d/;
const NUMBER_ONLY = /^[\d\s.,$%]+$/;

export interface ParsedCloze {
	/** The text with each blank replaced by `{{n}}`, 1-based. */
	text: string;
	blanks: { answer: string; accepted: string[] }[];
}

/** Reads `{{answer|alternative}}` blanks out of a cloze text. */
export function parseClozeText(raw: string): ParsedCloze {
	const blanks: ParsedCloze['blanks'] = [];
	const text = raw.replace(/\{\{([^{}]*)\}\}/g, (_m, inner: string) => {
		const [answer = '', ...accepted] = inner.split('|').map((s) => s.trim());
		blanks.push({ answer, accepted: accepted.filter((a) => a !== '') });
		return `{{${blanks.length}}}`;
	});
	return { text, blanks };
}

/** A quote an item cites, with the section it is in. */
export interface LocatedQuote {
	section: string;
	quote: string;
	/** Whether the bank wrote the section (`{ section, quote }`) rather than defaulting it. */
	explicit: boolean;
}

/** Every quote an item cites, with its section (the item's own unless the entry names one). */
export function sourcesOf(item: RawItem, bankSection: string): LocatedQuote[] {
	const own = item.section ?? bankSection;
	const entries = typeof item.source === 'string' ? [item.source] : item.source;
	return entries.map((e) =>
		typeof e === 'string'
			? { section: own, quote: e, explicit: false }
			: { section: e.section, quote: e.quote, explicit: true }
	);
}

/** The text an item asks or answers with, lower-cased: what it tests. */
export function testedText(item: RawItem): string {
	const parts: string[] = [];
	switch (item.type) {
		case 'cloze':
			parts.push(item.text, item.prompt ?? '');
			break;
		case 'mcq':
			parts.push(item.prompt, item.answer);
			break;
		case 'truefalse':
			parts.push(item.prompt, item.correction ?? '');
			break;
		case 'typed':
			parts.push(item.prompt, item.answer, ...item.accepted);
			break;
		case 'numeric':
			parts.push(item.prompt, String(item.answer), item.unit, ...item.unitAliases);
			break;
		case 'ordering':
			parts.push(item.prompt, ...item.events);
			break;
		default:
			parts.push(item.prompt, item.answer);
	}
	return normalizeText(parts.join(' \n ')).toLowerCase();
}

/**
 * The text of an item's answer side, lower-cased: what a student must recall (a cloze's blanks,
 * an answer and its accepted forms, a true/false statement and its correction, the events).
 */
export function answerText(item: RawItem): string {
	const parts: string[] = [];
	switch (item.type) {
		case 'cloze':
			for (const b of parseClozeText(item.text).blanks) parts.push(b.answer, ...b.accepted);
			break;
		case 'truefalse':
			parts.push(item.prompt, item.correction ?? '');
			break;
		case 'typed':
		case 'basic':
			parts.push(item.answer, ...item.accepted);
			break;
		case 'numeric':
			parts.push(String(item.answer), item.unit);
			break;
		case 'ordering':
			parts.push(...item.events);
			break;
		default:
			parts.push(item.answer);
	}
	return normalizeText(parts.join(' \n ')).toLowerCase();
}

/** The item's question as the student reads it (a cloze's text when it has no prompt). */
function promptOf(item: RawItem): string {
	return item.type === 'cloze' ? (item.prompt ?? item.text) : item.prompt;
}

/** The correct answers an item accepts, for checking that none drills a slip. */
function correctAnswers(item: RawItem): string[] {
	switch (item.type) {
		case 'cloze':
			return parseClozeText(item.text).blanks.flatMap((b) => [b.answer, ...b.accepted]);
		case 'typed':
			return [item.answer, ...item.accepted];
		case 'truefalse':
			return item.answer ? [item.prompt] : [item.correction ?? ''];
		case 'numeric':
			return [`${item.answer} ${item.unit}`];
		case 'ordering':
			return item.events;
		default:
			return [item.answer];
	}
}

function kindRule(answer: string, options: string[]): string | undefined {
	if (YEAR_ONLY.test(answer)) {
		const odd = options.find((o) => !YEAR_ONLY.test(o));
		return odd && `the answer is a year but option "${odd}" is not`;
	}
	// A figure ("$200 billion", "38 billion cubic meters") needs figures beside it; a sentence that
	// merely mentions a year ("In Russia from 1917, in China from 1949") needs no digit in every option.
	if (HAS_DIGIT.test(answer) && answer.trim().split(/\s+/).length <= 4) {
		const odd = options.find((o) => !HAS_DIGIT.test(o));
		return odd && `the answer is a number but option "${odd}" is not`;
	}
	const odd = options.find((o) => NUMBER_ONLY.test(o));
	return odd && `the answer is not a number but option "${odd}" is`;
}

function typeRules(item: RawItem): { rule: string; message: string }[] {
	const found: { rule: string; message: string }[] = [];
	const add = (rule: string, message: string) => found.push({ rule, message });
	switch (item.type) {
		case 'mcq': {
			const options = item.options ?? [item.answer, ...(item.distractors ?? [])];
			if (item.options && item.distractors)
				add('mcq-format', 'give options or distractors, not both');
			if (!item.options && !item.distractors) add('missing-field', 'distractors is missing');
			const keys = options.map((o) => normalizeText(o).toLowerCase());
			const answerKey = normalizeText(item.answer).toLowerCase();
			if (item.options && !keys.includes(answerKey)) {
				add('answer-missing-from-options', `"${item.answer}" is not among the options`);
			}
			if (item.distractors?.some((d) => normalizeText(d).toLowerCase() === answerKey)) {
				add('answer-among-distractors', `"${item.answer}" is also a distractor`);
			}
			const dup = keys.find((k, i) => keys.indexOf(k) !== i && k !== answerKey);
			if (dup !== undefined) add('duplicate-options', `"${dup}" appears twice`);
			const distractors = options.filter((o) => normalizeText(o).toLowerCase() !== answerKey);
			if (distractors.length < 3) {
				add('too-few-distractors', `${distractors.length} distractor(s); at least 3 are needed`);
			}
			const kind = kindRule(item.answer, distractors);
			if (kind) add('distractor-kind', kind);
			break;
		}
		case 'truefalse':
			if (!item.answer && !item.correction) {
				add('false-without-correction', 'a false statement needs a correction');
			}
			break;
		case 'cloze': {
			const { blanks } = parseClozeText(item.text);
			if (blanks.length === 0) add('cloze-without-blank', 'the text has no {{blank}}');
			if (blanks.some((b) => b.answer === '')) add('empty-blank', 'a blank is empty');
			break;
		}
		case 'ordering': {
			if (item.events.length < 4 || item.events.length > 6) {
				add('ordering-event-count', `${item.events.length} events; 4 to 6 are needed`);
			}
			const keys = item.events.map((e) => normalizeText(e).toLowerCase());
			if (new Set(keys).size !== keys.length) add('duplicate-events', 'an event appears twice');
			break;
		}
	}
	return found;
}

/** Positions in a section's normalised text where a normalised quote occurs. */
export function quoteRanges(sectionText: string, quote: string): [number, number][] {
	const q = normalizeText(quote);
	const ranges: [number, number][] = [];
	if (q === '') return ranges;
	for (let at = sectionText.indexOf(q); at !== -1; at = sectionText.indexOf(q, at + 1)) {
		ranges.push([at, at + q.length]);
	}
	return ranges;
}

/** Checks every item against the essay, the themes, the slips and the other items. */
export function validateItems(items: LocatedItem[], ctx: ValidationContext): BankIssue[] {
	const issues: BankIssue[] = [];
	const seen = new Map<string, LocatedItem>();
	for (const located of items) {
		const { item, file, line } = located;
		const at = { file, line, itemId: item.id };
		const add = (rule: string, message: string) => issues.push({ ...at, rule, message });
		const first = seen.get(item.id);
		if (first) add('duplicate-id', `id already used at ${first.file}:${first.line}`);
		else seen.set(item.id, located);

		const sectionName = item.section ?? located.bankSection;
		const section = ctx.essay.sections.find((s) => s.slug === sectionName);
		if (!section) {
			add('unknown-section', `"${sectionName}" is not one of ${SECTION_SLUGS.join(', ')}`);
		} else {
			const sources = sourcesOf(item, located.bankSection);
			if (item.type !== 'ordering' && sources.some((s) => s.explicit)) {
				add(
					'source-section-not-ordering',
					'only an ordering item may quote another section ({ section, quote })'
				);
			}
			if (!sources.some((s) => s.section === section.slug)) {
				add('source-outside-section', `no quote is from the item's section ${section.slug}`);
			}
			for (const { section: slug, quote } of sources) {
				const quoted = ctx.essay.sections.find((s) => s.slug === slug);
				if (!quoted) {
					add('unknown-section', `"${slug}" is not one of ${SECTION_SLUGS.join(', ')}`);
				} else if (quoteRanges(quoted.normalized, quote).length === 0) {
					add('quote-not-found', `"${quote}" does not occur in section ${slug}`);
				}
			}
			checkSlips(item, sources, ctx, add);
		}
		for (const tag of item.tags) {
			if (!ctx.themeIds.has(tag)) add('unknown-tag', `"${tag}" is not a theme in decks.yaml`);
		}
		for (const { rule, message } of typeRules(item)) add(rule, message);
	}
	return issues;
}

/** The slips whose sentence one of the quotes overlaps. */
export function slipsCited(essay: Essay, sources: LocatedQuote[], slips: Slip[]): Slip[] {
	return slips.filter((slip) => {
		const text = essay.sections.find((s) => s.slug === slip.section)?.normalized ?? '';
		const slipRanges = quoteRanges(text, slip.quote);
		return sources.some(
			(q) =>
				q.section === slip.section &&
				quoteRanges(text, q.quote).some(([a, b]) => slipRanges.some(([c, d]) => a < d && c < b))
		);
	});
}

function checkSlips(
	item: RawItem,
	sources: LocatedQuote[],
	ctx: ValidationContext,
	add: (rule: string, message: string) => void
) {
	const named = item.slip ?? [];
	for (const id of named) {
		if (!ctx.slips.some((s) => s.id === id))
			add('unknown-slip', `"${id}" is not a slip in slips.yaml`);
	}
	const cited = slipsCited(ctx.essay, sources, ctx.slips);
	for (const id of named) {
		if (ctx.slips.some((s) => s.id === id) && !cited.some((s) => s.id === id)) {
			add('slip-not-cited', `slip "${id}" is named but no source quote holds its sentence`);
		}
	}
	for (const slip of cited) {
		if (!named.includes(slip.id)) {
			add('slip-not-named', `the source quotes slip "${slip.id}"; name it with slip: ${slip.id}`);
		}
		const right = normalizeText(slip.right).toLowerCase();
		if (!normalizeText(item.explanation).toLowerCase().includes(right)) {
			add(
				'slip-not-explained',
				`the explanation must give the real fact ("${slip.right}") where the essay errs`
			);
		}
		if (!item.beyond && !/\bessay\b/i.test(promptOf(item))) {
			add(
				'slip-not-framed',
				'an item on a slip sentence either teaches the real record (beyond: true) or says in its prompt that it asks what the essay claims'
			);
		}
		for (const wrongText of slip.wrong) {
			const wrong = normalizeText(wrongText).toLowerCase();
			if (correctAnswers(item).some((a) => normalizeText(a).toLowerCase().includes(wrong))) {
				add('drills-slip', `the correct answer gives the slipped "${wrongText}" as fact`);
			}
		}
	}
}
