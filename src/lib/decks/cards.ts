import type { LocatedItem } from './bank';
import { entityNamesOf } from './equivalence';
import type { Entity, RawItem } from './schema';
import { contentHash, hasWords, normalizeText } from './text';
import type { Card, CardContent, SectionSlug } from './types';
import { parseClozeText, sourcesOf, type LocatedQuote } from './validate';

/** Shows a cloze text with its blanks as "[...]". */
export function clozePrompt(text: string): string {
	return text.replace(/\{\{\d+\}\}/g, '[...]');
}

/** Gives a card its content hash: it changes when anything but the id changes. */
export function withHash<T extends CardContent>(card: T): T & { hash: string } {
	const { id: _id, ...content } = card;
	void _id;
	return { ...card, hash: contentHash(JSON.stringify(content)) };
}

function numberText(value: number): string {
	return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** Whether a name stands in a prompt as whole words ("What does SREB stand for?" holds "SREB"). */
function namedIn(prompt: string, name: string): boolean {
	return hasWords(normalizeText(prompt).toLowerCase(), name);
}

/**
 * A card's accepted answers with every name and alias of the entities its answer (or an accepted
 * form) names: "EAEU" for the Eurasian Economic Union, "Xi Jinping" for "Xi Jin Ping". A name the
 * prompt itself shows is not added: a card asking what "SREB" stands for must not accept "SREB".
 */
export function withEntityNames(
	answer: string,
	accepted: readonly string[],
	entities: readonly Entity[],
	prompt = ''
): string[] {
	const names = [answer, ...accepted]
		.flatMap((f) => entityNamesOf(f, entities))
		.filter((n) => !namedIn(prompt, n));
	const seen = new Set([normalizeText(answer).toLowerCase()]);
	return [...accepted, ...names].filter((f) => {
		const key = normalizeText(f).toLowerCase();
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/**
 * Turns a validated bank item into the card the app studies; entity names join the accepted
 * answers of typed, basic and cloze cards.
 */
export function itemToCard(
	{ item, bankSection }: LocatedItem,
	entities: readonly Entity[] = []
): Card {
	const section = (item.section ?? bankSection) as SectionSlug;
	const sources = sourcesOf(item, bankSection);
	const base = {
		id: item.id,
		section,
		tags: item.tags,
		explanation: item.explanation,
		source: {
			section,
			quote: (sources.find((s) => s.section === section) ?? sources[0])?.quote ?? ''
		},
		generated: false,
		...(item.slip ? { slip: item.slip[0]! } : {}),
		...(item.slip && item.slip.length > 1 ? { slips: item.slip } : {}),
		...(item.claims.length > 0 ? { claims: item.claims } : {}),
		...(item.reasoning ? { reasoning: true as const } : {}),
		...(item.beyond ? { beyondEssay: true as const } : {}),
		...(item.map ? { map: item.map } : {})
	};
	return withHash(toTyped(item, base, sources, entities) as CardContent);
}

/** `["Japan|Japanese", "protect"]` -> `{ keyTerms: [["Japan", "Japanese"], ["protect"]] }`. */
function keyTermsOf(terms: string[] | undefined): { keyTerms?: string[][] } {
	if (!terms || terms.length === 0) return {};
	return {
		keyTerms: terms.map((t) =>
			t
				.split('|')
				.map((a) => a.trim())
				.filter((a) => a !== '')
		)
	};
}

type Base = Omit<CardContent, 'type' | 'prompt' | 'answer'>;

function toTyped(item: RawItem, base: Base, sources: LocatedQuote[], entities: readonly Entity[]) {
	switch (item.type) {
		case 'basic': {
			const accepted = withEntityNames(item.answer, item.accepted, entities, item.prompt);
			return {
				...base,
				type: item.type,
				prompt: item.prompt,
				answer: item.answer,
				...(accepted.length > 0 ? { accepted } : {}),
				...keyTermsOf(item.keyTerms)
			};
		}
		case 'cloze': {
			const parsed = parseClozeText(item.text);
			const text = parsed.text;
			const blanks = parsed.blanks.map((b) => ({
				answer: b.answer,
				accepted: withEntityNames(b.answer, b.accepted, entities, parsed.text)
			}));
			return {
				...base,
				type: item.type,
				prompt: item.prompt ?? clozePrompt(text),
				answer: blanks.map((b) => b.answer).join(', '),
				text,
				blanks
			};
		}
		case 'mcq': {
			const rest = (item.options ?? item.distractors ?? []).filter((o) => o !== item.answer);
			return {
				...base,
				type: item.type,
				prompt: item.prompt,
				answer: item.answer,
				options: [item.answer, ...rest]
			};
		}
		case 'truefalse':
			return {
				...base,
				type: item.type,
				prompt: item.prompt,
				answer: item.answer ? 'True' : 'False',
				statementIsTrue: item.answer,
				...(item.correction ? { correction: item.correction } : {})
			};
		case 'typed':
			return {
				...base,
				type: item.type,
				prompt: item.prompt,
				answer: item.answer,
				accepted: withEntityNames(item.answer, item.accepted, entities, item.prompt),
				...keyTermsOf(item.keyTerms)
			};
		case 'numeric':
			return {
				...base,
				type: item.type,
				prompt: item.prompt,
				answer: `${numberText(item.answer)}${item.unit ? (item.unit === '%' ? '%' : ' ' + item.unit) : ''}`,
				value: item.answer,
				unit: item.unit,
				tolerance: item.tolerance,
				unitAliases: item.unitAliases
			};
		case 'ordering':
			return {
				...base,
				type: item.type,
				prompt: item.prompt,
				answer: item.events.map((e, i) => `${i + 1}. ${e}`).join(' '),
				events: item.events,
				quotes: sources.map((s) => s.quote),
				quoteSections: sources.map((s) => s.section as SectionSlug)
			};
	}
}
