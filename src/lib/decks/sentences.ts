import type { Essay } from '$lib/essay/parse';
import type { Slip } from './schema';
import { normalizeText } from './text';
import { quoteRanges } from './validate';

/** A sentence of a section with where it sits in the section's normalised text. */
export interface SentenceSpan {
	id: string;
	section: string;
	text: string;
	start: number;
	end: number;
	/** Index of its paragraph and of the sentence in it, 0-based. */
	paragraph: number;
	index: number;
}

const cache = new WeakMap<Essay, Map<string, SentenceSpan[]>>();

/** Every sentence of every section, with its range in the section's normalised text. */
export function sentenceSpans(essay: Essay): Map<string, SentenceSpan[]> {
	const cached = cache.get(essay);
	if (cached) return cached;
	const spans = new Map<string, SentenceSpan[]>();
	for (const section of essay.sections) {
		const list: SentenceSpan[] = [];
		let cursor = 0;
		section.paragraphs.forEach((paragraph, p) => {
			paragraph.sentences.forEach((sentence, index) => {
				const text = normalizeText(sentence.text);
				const start = section.normalized.indexOf(text, cursor);
				if (start === -1) return;
				cursor = start + text.length;
				list.push({
					id: sentence.id,
					section: section.slug,
					text: sentence.text,
					start,
					end: cursor,
					paragraph: p,
					index
				});
			});
		});
		spans.set(section.slug, list);
	}
	cache.set(essay, spans);
	return spans;
}

/** The sentences a quote (wherever it occurs in its section) overlaps. */
export function sentencesOfQuote(essay: Essay, section: string, quote: string): SentenceSpan[] {
	const text = essay.sections.find((s) => s.slug === section)?.normalized ?? '';
	const ranges = quoteRanges(text, quote);
	return (sentenceSpans(essay).get(section) ?? []).filter((s) =>
		ranges.some(([a, b]) => a < s.end && s.start < b)
	);
}

/** The sentence a quote is, when it is exactly one whole sentence of its section. */
export function wholeSentence(
	essay: Essay,
	section: string,
	quote: string
): SentenceSpan | undefined {
	const q = normalizeText(quote);
	return (sentenceSpans(essay).get(section) ?? []).find((s) => normalizeText(s.text) === q);
}

/** Whether a sentence holds one of the slips (an essay error). */
export function isSlipSentence(sentence: string, slips: readonly Slip[]): boolean {
	const key = normalizeText(sentence);
	return slips.some((s) => key.includes(normalizeText(s.quote)));
}
