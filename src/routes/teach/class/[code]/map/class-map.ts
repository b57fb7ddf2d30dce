// The class knowledge map as plain data: per cited sentence, the class's share right on the
// questions citing it (quiz submissions) and its mean predicted recall of those cards (review
// progress), in the student map's bands. No Svelte, no DOM.
import { formatRecall, recallBand, type RecallBand, type SentenceMark } from '$lib/essay/knowledge';

/** What the class did with one card. */
export interface CardClassStats {
	/** Quiz answers to it (every attempt that answered it) and the credit they earned. */
	answered: number;
	correct: number;
	/** Review: students who studied it, and the sum of their predicted recall now. */
	studiedBy: number;
	recallSum: number;
}

/** The two measures the map can tint by. */
export type ClassMeasure = 'right' | 'recall';

export interface SentenceClassKnowledge {
	/** Share of quiz credit earned on the questions citing it, 0-1; null with no answer. */
	shareRight: number | null;
	answered: number;
	/** Mean predicted recall over every (student, card) studied among its cards; null for none. */
	recall: number | null;
	studied: number;
	/** The cards citing it, for a review of the sentence. */
	cardIds: readonly string[];
}

/**
 * The bands are the student map's, relative to this retention (FSRS's default): strong is 90 %
 * or more, then steps of 10 points.
 */
export const CLASS_REFERENCE = 0.9;

/** Per cited sentence, the class's share right and mean recall over the cards citing it. */
export function classKnowledgeBySentence(
	citations: ReadonlyMap<string, readonly string[]>,
	stats: ReadonlyMap<string, CardClassStats>
): Map<string, SentenceClassKnowledge> {
	const bySentence = new Map<string, SentenceClassKnowledge>();
	for (const [sentenceId, ids] of citations) {
		const cardIds = [...new Set(ids)];
		let answered = 0;
		let correct = 0;
		let studied = 0;
		let recallSum = 0;
		for (const id of cardIds) {
			const s = stats.get(id);
			if (!s) continue;
			answered += s.answered;
			correct += s.correct;
			studied += s.studiedBy;
			recallSum += s.recallSum;
		}
		bySentence.set(sentenceId, {
			shareRight: answered > 0 ? correct / answered : null,
			answered,
			recall: studied > 0 ? recallSum / studied : null,
			studied,
			cardIds
		});
	}
	return bySentence;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One measure's value of a sentence, null without evidence. */
export const measureOf = (k: SentenceClassKnowledge, measure: ClassMeasure) =>
	measure === 'right' ? k.shareRight : k.recall;

/** A sentence's class knowledge in words, both measures, as a screen reader hears it. */
export function describeSentenceClass(k: SentenceClassKnowledge): string {
	const right =
		k.shareRight === null
			? 'no quiz answers yet'
			: `${formatRecall(k.shareRight)} right of ${plural(k.answered, 'answer')}`;
	const recall =
		k.recall === null
			? 'not studied in reviews yet'
			: `mean predicted recall ${formatRecall(k.recall)} over ${plural(k.studied, 'card studied', 'cards studied')}`;
	return `${right}; ${recall}`;
}

/** The band's name and range for the class legend, per measure. */
export function describeClassBand(band: RecallBand, measure: ClassMeasure): string {
	const at = (steps: number) => Math.round((CLASS_REFERENCE - steps / 10) * 100);
	const what = measure === 'right' ? 'right' : 'recall';
	switch (band) {
		case 'strong':
			return `Strong: ${at(0)} % or more ${what}`;
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

/** How the reader paints each cited sentence for the class, by the measure chosen. */
export function markClassSentences(
	bySentence: ReadonlyMap<string, SentenceClassKnowledge>,
	measure: ClassMeasure
): Map<string, SentenceMark> {
	const marks = new Map<string, SentenceMark>();
	for (const [id, k] of bySentence) {
		marks.set(id, {
			band: recallBand(measureOf(k, measure), CLASS_REFERENCE),
			text: `class: ${describeSentenceClass(k)}`
		});
	}
	return marks;
}

export interface WeakSentence extends SentenceClassKnowledge {
	sentenceId: string;
	value: number;
}

/**
 * The weakest sentences by one measure: lowest first, ties to the one with more evidence (more
 * answers or cards studied), then essay order (the order of `citations`). Sentences without
 * evidence are left out: nobody has been asked about them yet.
 */
export function weakestSentences(
	bySentence: ReadonlyMap<string, SentenceClassKnowledge>,
	measure: ClassMeasure,
	limit = 10
): WeakSentence[] {
	const evidence = (k: SentenceClassKnowledge) => (measure === 'right' ? k.answered : k.studied);
	return [...bySentence]
		.map(([sentenceId, k], order) => ({ sentenceId, k, order, value: measureOf(k, measure) }))
		.filter((e): e is typeof e & { value: number } => e.value !== null)
		.sort((a, b) => a.value - b.value || evidence(b.k) - evidence(a.k) || a.order - b.order)
		.slice(0, limit)
		.map(({ sentenceId, k, value }) => ({ ...k, sentenceId, value }));
}

/** The cards of a review of these sentences: every card citing one, each once, in order. */
export function reviewCardIds(sentences: readonly Pick<SentenceClassKnowledge, 'cardIds'>[]) {
	return [...new Set(sentences.flatMap((s) => s.cardIds))];
}
