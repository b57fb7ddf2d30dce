import { normalizeText } from '$lib/decks/text';

/** The parts of the parsed essay that locating needs (the shape `/essay.json` serves). */
export interface LocatableSection {
	slug: string;
	paragraphs: { sentences: { id: string; text: string }[] }[];
}

/** The parts of a card that say where in the essay it comes from. */
export interface CitingCard {
	id: string;
	source: { section: string; quote: string };
	/** An ordering card's quotes, one per event. */
	quotes?: string[];
	/** The section of each of `quotes` (the card's section when absent). */
	quoteSections?: string[];
}

interface Span {
	id: string;
	start: number;
	end: number;
}

/**
 * The section's normalised text with each sentence's range in it. Sentences were split at
 * whitespace, so joining them with one space gives the same text the compiler matched quotes in.
 */
function sectionSpans(section: LocatableSection): { text: string; spans: Span[] } {
	const spans: Span[] = [];
	let text = '';
	for (const sentence of section.paragraphs.flatMap((p) => p.sentences)) {
		if (text !== '') text += ' ';
		const normalized = normalizeText(sentence.text);
		spans.push({ id: sentence.id, start: text.length, end: text.length + normalized.length });
		text += normalized;
	}
	return { text, spans };
}

/**
 * The ids of the sentences of `sectionSlug` that `quote` overlaps, in essay order: one for a quote
 * inside a sentence, several for a quote across sentences. Empty when the quote is not there.
 */
export function locateQuote(
	sections: readonly LocatableSection[],
	sectionSlug: string,
	quote: string
): string[] {
	const section = sections.find((s) => s.slug === sectionSlug);
	const q = normalizeText(quote);
	if (!section || q === '') return [];
	const { text, spans } = sectionSpans(section);
	const ids = new Set<string>();
	for (let at = text.indexOf(q); at !== -1; at = text.indexOf(q, at + 1)) {
		for (const span of spans) {
			if (span.start < at + q.length && at < span.end) ids.add(span.id);
		}
	}
	return spans.filter((s) => ids.has(s.id)).map((s) => s.id);
}

/** Every sentence a card cites: its source quote and, for an ordering card, each event's quote. */
export function locateCard(sections: readonly LocatableSection[], card: CitingCard): string[] {
	const quotes: [string, string][] = [
		[card.source.section, card.source.quote],
		...(card.quotes ?? []).map(
			(q, i) => [card.quoteSections?.[i] ?? card.source.section, q] as [string, string]
		)
	];
	const ids = new Set(quotes.flatMap(([section, q]) => locateQuote(sections, section, q)));
	return [...ids];
}

/** For each cited sentence id, the ids of the cards citing it, in the cards' order. */
export function citationsBySentence(
	sections: readonly LocatableSection[],
	cards: readonly CitingCard[]
): Map<string, string[]> {
	const citations = new Map<string, string[]>();
	for (const card of cards) {
		for (const id of locateCard(sections, card)) {
			const list = citations.get(id);
			if (list) list.push(card.id);
			else citations.set(id, [card.id]);
		}
	}
	return citations;
}
