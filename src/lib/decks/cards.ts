import type { LocatedItem } from './bank';
import type { RawItem } from './schema';
import { contentHash } from './text';
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

/** Turns a validated bank item into the card the app studies. */
export function itemToCard({ item, bankSection }: LocatedItem): Card {
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
		...(item.slip ? { slip: item.slip } : {}),
		...(item.claims.length > 0 ? { claims: item.claims } : {}),
		...(item.reasoning ? { reasoning: true as const } : {}),
		...(item.beyond ? { beyondEssay: true as const } : {}),
		...(item.map ? { map: item.map } : {})
	};
	return withHash(toTyped(item, base, sources) as CardContent);
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

function toTyped(item: RawItem, base: Base, sources: LocatedQuote[]) {
	switch (item.type) {
		case 'basic':
			return {
				...base,
				type: item.type,
				prompt: item.prompt,
				answer: item.answer,
				...(item.accepted.length > 0 ? { accepted: item.accepted } : {}),
				...keyTermsOf(item.keyTerms)
			};
		case 'cloze': {
			const { text, blanks } = parseClozeText(item.text);
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
				accepted: item.accepted,
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
