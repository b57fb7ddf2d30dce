// The class knowledge map as plain data: each cited sentence tinted, in the student map's bands,
// by the class's share right on the questions citing it (quiz submissions) or by its mean
// predicted recall of those cards (review progress), as the server counts them. No Svelte, no DOM.
import type { SentenceStats } from '$lib/api';
import { formatRecall, recallBand, type RecallBand, type SentenceMark } from '$lib/essay/knowledge';

/** The two measures the map can tint by. */
export type ClassMeasure = 'right' | 'recall';

/**
 * The bands are the student map's, relative to this retention (FSRS's default): strong is 90 %
 * or more, then steps of 10 points.
 */
export const CLASS_REFERENCE = 0.9;

type Stats = Pick<SentenceStats, 'answered' | 'correctShare' | 'studied' | 'recall'>;

/** One measure's value of a sentence, null without evidence. */
export const measureOf = (s: Stats, measure: ClassMeasure) =>
	measure === 'right' ? s.correctShare : s.recall;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A sentence's class knowledge in words, both measures, as a screen reader hears it. */
export function describeSentenceClass(s: Stats): string {
	const right =
		s.correctShare === null || s.answered === 0
			? 'no quiz answers yet'
			: `${formatRecall(s.correctShare)} right of ${plural(s.answered, 'answer')}`;
	const recall =
		s.recall === null || s.studied === 0
			? 'not studied in reviews yet'
			: `mean predicted recall ${formatRecall(s.recall)} over ${plural(s.studied, 'card studied', 'cards studied')}`;
	return `${right}; ${recall}`;
}

/** The band's name and range for the class legend, per measure. */
export function describeClassBand(band: RecallBand, measure: ClassMeasure): string {
	const at = (steps: number) => Math.round((CLASS_REFERENCE - steps / 10) * 100);
	switch (band) {
		case 'strong':
			return `Strong: ${at(0)} % or more ${measure === 'right' ? 'right' : 'recall'}`;
		case 'fading':
			return `Fading: ${at(1)} to ${at(0) - 1} %`;
		case 'weak':
			return `Weak: ${at(2)} to ${at(1) - 1} %`;
		case 'forgotten':
			return `Not known: below ${at(2)} %`;
		case 'never':
			return measure === 'right' ? 'No quiz answers yet' : 'Not studied yet';
	}
}

/**
 * How the reader paints each cited sentence for the class, by the measure chosen. Every cited
 * sentence gets a mark (those without evidence in the "never" band), so the map reads whole.
 */
export function markClassSentences(
	citedSentenceIds: Iterable<string>,
	sentences: readonly SentenceStats[],
	measure: ClassMeasure
): Map<string, SentenceMark> {
	const byId = new Map(sentences.map((s) => [s.sentenceId, s]));
	const none: Stats = { answered: 0, correctShare: null, studied: 0, recall: null };
	const marks = new Map<string, SentenceMark>();
	for (const id of citedSentenceIds) {
		const s = byId.get(id) ?? none;
		marks.set(id, {
			band: recallBand(measureOf(s, measure), CLASS_REFERENCE),
			text: `class: ${describeSentenceClass(s)}`
		});
	}
	return marks;
}

/** A section's line of the class map as text: how many of its cited sentences have evidence. */
export function describeSectionClass(
	section: string,
	citedInSection: number,
	sentences: readonly SentenceStats[]
): string {
	const here = sentences.filter((s) => s.section === section);
	let answered = 0;
	let right = 0;
	let studied = 0;
	let recall = 0;
	for (const s of here) {
		if (s.correctShare !== null && s.answered > 0) {
			answered += s.answered;
			right += s.correctShare * s.answered;
		}
		if (s.recall !== null && s.studied > 0) {
			studied += s.studied;
			recall += s.recall * s.studied;
		}
	}
	const asked = here.filter((s) => s.answered > 0 || s.studied > 0).length;
	if (asked === 0) return `none of ${citedInSection} cited sentences asked about yet`;
	const parts = [
		answered > 0 ? `${formatRecall(right / answered)} right` : 'no quiz answers',
		studied > 0 ? `mean predicted recall ${formatRecall(recall / studied)}` : 'no review progress'
	];
	return `${asked} of ${citedInSection} cited sentences asked about: ${parts.join(', ')}`;
}

/** The cards of a review of these sentences: every card citing one, each once, in order. */
export function reviewCardIds(sentences: readonly Pick<SentenceStats, 'cardIds'>[]): string[] {
	return [...new Set(sentences.flatMap((s) => s.cardIds))];
}
