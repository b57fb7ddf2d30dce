import type { Essay } from '$lib/essay/parse';
import type { Entity } from './schema';
import { escapeRegExp } from './text';
import type { SectionSlug } from './types';

export type FactKind = 'year' | 'figure' | 'entity';

/** A checkable fact the essay states: a year, a figure with a unit, or a named entity. */
export interface Fact {
	kind: FactKind;
	/** The fact as the essay writes it ("1896", "$69.6 Billion", "Eurasian Economic Union (EEU)"). */
	text: string;
	/** Lower-case strings any of which, found in an item's tested text, means the item tests it. */
	keys: string[];
	/** For an entity: its name and aliases as written in entities.yaml. */
	names?: string[];
	section: SectionSlug;
	sentenceId: string;
	sentence: string;
	start: number;
	end: number;
}

const CITATION = /\((?:[A-Z][A-Za-z]+(?: et al\.)?,\s*\d{4})\)/g;
const YEAR = /\b(?:1[6-9]\d\d|20\d\d)s?\b/g;
const NUMBER_WORDS = '(?:one and a half|one|two|three|four|five|six|seven|eight|nine|ten)';
const FIGURE = new RegExp(
	[
		String.raw`(?:US)?\$\s?\d[\d,]*(?:\.\d+)?(?:\s(?:[Bb]illion|[Mm]illion|[Tt]rillion))?`,
		String.raw`\b\d+(?:\.\d+)?\s?%`,
		String.raw`\b\d[\d,]*(?:\.\d+)?\s(?:[Bb]illion|[Mm]illion|[Tt]rillion)\s(?:[Cc]ubic\s(?:[Mm]eters|[Ff]eet)|people)`,
		String.raw`\b\d+\s(?:years|decades)\b`,
		String.raw`\b${NUMBER_WORDS}\s(?:decades|years)\b`
	].join('|'),
	'g'
);
const ENTITY_HINT =
	/\b(?:[A-Z][\w'-]*\s+(?:(?:of|and|the|for)\s+)*)*[A-Z][\w-]*\s+(?:Treaty|Organi[sz]ation|Union|Initiative|Corporation|Council|Party|Forum|Summit|Group|Railway|Highway|Corridor|Ministry|Belt|Strategy)\b|\b[A-Z]{2,}[0-9]*\b/g;

/** Blanks out parenthetical citations ("(Gabuev, 2017)") so their years are not taken as facts. */
function maskCitations(sentence: string): string {
	return sentence.replace(CITATION, (m) => ' '.repeat(m.length));
}

function figureKeys(text: string): string[] {
	const digits = /\d[\d,]*(?:\.\d+)?/.exec(text)?.[0]?.replace(/,/g, '');
	return digits ? [digits] : [text.toLowerCase()];
}

interface Span {
	start: number;
	end: number;
}
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Matches an entity's names in a sentence, longest first, without overlaps. */
function entityMatches(sentence: string, entities: Entity[]): (Span & { entity: Entity })[] {
	const candidates: (Span & { entity: Entity })[] = [];
	for (const entity of entities) {
		for (const name of [entity.name, ...entity.aliases]) {
			const acronym = /^[A-Z0-9-]+$/.test(name);
			const re = new RegExp(`\\b${escapeRegExp(name)}\\b`, acronym ? 'g' : 'gi');
			for (const m of sentence.matchAll(re)) {
				candidates.push({ start: m.index, end: m.index + m[0].length, entity });
			}
		}
	}
	candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
	const chosen: typeof candidates = [];
	for (const c of candidates) if (!chosen.some((k) => overlaps(k, c))) chosen.push(c);
	return chosen.sort((a, b) => a.start - b.start);
}

/** A year, figure with a unit or named entity found in a piece of text. */
export type TextFact = Pick<Fact, 'kind' | 'text' | 'keys' | 'names' | 'start' | 'end'>;

/**
 * The years, figures with a unit and named entities stated in any text (a sentence, a prompt, an
 * explanation), in order. Parenthetical citations ("(Gabuev, 2017)") and people are not facts.
 */
export function factsInText(text: string, entities: Entity[] = []): TextFact[] {
	const masked = maskCitations(text);
	const found: TextFact[] = [];
	const figures: TextFact[] = [];
	for (const m of masked.matchAll(FIGURE)) {
		const figure = m[0].trim();
		figures.push({
			kind: 'figure',
			text: figure,
			keys: figureKeys(figure),
			start: m.index,
			end: m.index + m[0].length
		});
	}
	for (const m of masked.matchAll(YEAR)) {
		const span = { start: m.index, end: m.index + m[0].length };
		if (figures.some((f) => overlaps(f, span))) continue;
		found.push({ ...span, kind: 'year', text: m[0], keys: [m[0].toLowerCase()] });
	}
	found.push(...figures);
	const named = entities.filter((e) => e.kind !== 'person');
	for (const n of entityMatches(masked, named)) {
		found.push({
			kind: 'entity',
			text: text.slice(n.start, n.end),
			keys: [n.entity.name, ...n.entity.aliases].map((k) => k.toLowerCase()),
			names: [n.entity.name, ...n.entity.aliases],
			start: n.start,
			end: n.end
		});
	}
	return found.sort((a, b) => a.start - b.start);
}

export interface FactScan {
	facts: Fact[];
	/** Names that look like treaties or organisations but are not in entities.yaml. */
	unlisted: { section: SectionSlug; text: string; sentence: string }[];
}

/** Finds every year, figure with a unit and named entity stated in the essay's sections. */
export function scanFacts(essay: Essay, entities: Entity[], notEntities: string[]): FactScan {
	const facts: Fact[] = [];
	const unlisted: FactScan['unlisted'] = [];
	for (const section of essay.sections) {
		for (const paragraph of section.paragraphs) {
			for (const sentence of paragraph.sentences) {
				const masked = maskCitations(sentence.text);
				const base = { section: section.slug, sentenceId: sentence.id, sentence: sentence.text };
				const found = factsInText(sentence.text, entities).map((f) => ({ ...base, ...f }));
				const named = found.filter((f) => f.kind === 'entity');
				for (const m of masked.matchAll(ENTITY_HINT)) {
					const span = { start: m.index, end: m.index + m[0].length };
					const text = m[0];
					if (named.some((n) => overlaps(n, span))) continue;
					if (notEntities.some((ne) => text.includes(ne))) continue;
					unlisted.push({ section: section.slug, text, sentence: sentence.text });
				}
				facts.push(...found);
			}
		}
	}
	return { facts, unlisted };
}
