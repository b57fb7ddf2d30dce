import { recallAt } from '$lib/srs/recall';
import type { CardState } from '$lib/srs/scheduler';

/** What the student is predicted to remember of one cited sentence, now. */
export interface SentenceKnowledge {
	/** Mean recall probability of the studied cards citing it; null when none is studied. */
	recall: number | null;
	studied: number;
	neverStudied: number;
}

/** What the student is predicted to remember of one section's cards, now. */
export interface SectionKnowledge {
	slug: string;
	/** Mean recall probability of the section's studied cards; null when none is studied. */
	recall: number | null;
	neverStudied: number;
	total: number;
}

/** A card as the map needs it: its id and the section its quote comes from. */
export interface SectionCard {
	id: string;
	source: { section: string };
}

function summarise(
	cardIds: Iterable<string>,
	states: ReadonlyMap<string, CardState>,
	now: number
): { recall: number | null; studied: number; neverStudied: number } {
	let sum = 0;
	let studied = 0;
	let neverStudied = 0;
	for (const id of cardIds) {
		const recall = recallAt(states.get(id), now);
		if (recall === null) neverStudied++;
		else {
			sum += recall;
			studied++;
		}
	}
	return { recall: studied > 0 ? sum / studied : null, studied, neverStudied };
}

/**
 * For each cited sentence, the mean ts-fsrs retrievability at `now` of the studied cards citing
 * it. A sentence none of whose cards has been studied has recall null: never studied.
 */
export function knowledgeBySentence(
	citations: ReadonlyMap<string, readonly string[]>,
	states: ReadonlyMap<string, CardState>,
	now: number
): Map<string, SentenceKnowledge> {
	const bySentence = new Map<string, SentenceKnowledge>();
	for (const [sentenceId, cardIds] of citations) {
		bySentence.set(sentenceId, summarise(new Set(cardIds), states, now));
	}
	return bySentence;
}

/**
 * For each section, in the order given, the mean recall at `now` over its studied cards (each
 * card counted once, whatever number of sentences it cites), and how many of its cards were
 * never studied. A card belongs to the section its source quote comes from.
 */
export function knowledgeBySection(
	sectionSlugs: readonly string[],
	cards: readonly SectionCard[],
	states: ReadonlyMap<string, CardState>,
	now: number
): SectionKnowledge[] {
	const cardIds = new Map<string, Set<string>>(sectionSlugs.map((slug) => [slug, new Set()]));
	for (const card of cards) cardIds.get(card.source.section)?.add(card.id);
	return sectionSlugs.map((slug) => {
		const ids = cardIds.get(slug) ?? new Set<string>();
		const { recall, neverStudied } = summarise(ids, states, now);
		return { slug, recall, neverStudied, total: ids.size };
	});
}

export type RecallBand = 'strong' | 'fading' | 'weak' | 'forgotten' | 'never';

/** Bands from best to worst, then never studied: the order legends list them in. */
export const RECALL_BANDS: readonly RecallBand[] = [
	'strong',
	'fading',
	'weak',
	'forgotten',
	'never'
];

/** How far below the desired retention each band starts. */
const BAND_STEP = 0.1;

/**
 * The band a recall probability falls in, relative to the student's desired retention rather
 * than fixed cut-offs: FSRS schedules each card for when its recall drops to that retention, so
 * "strong" means "on schedule" whatever the student chose. With the default 0.9 the bands are
 * ≥ 90 %, 80-90 %, 70-80 % and below 70 %. Null (never studied) is its own band.
 */
export function recallBand(recall: number | null, desiredRetention: number): RecallBand {
	if (recall === null) return 'never';
	// Rounded so a recall shown as "90 %" never lands in the band below "90 % or more".
	const percent = Math.round(recall * 100);
	const threshold = (steps: number) => Math.round((desiredRetention - steps * BAND_STEP) * 100);
	if (percent >= threshold(0)) return 'strong';
	if (percent >= threshold(1)) return 'fading';
	if (percent >= threshold(2)) return 'weak';
	return 'forgotten';
}

/** The band's name and range for legends and screen readers, e.g. "Fading: 80 to 89 %". */
export function describeBand(band: RecallBand, desiredRetention: number): string {
	const at = (steps: number) => Math.round((desiredRetention - steps * BAND_STEP) * 100);
	switch (band) {
		case 'strong':
			return `Strong: ${at(0)} % or more`;
		case 'fading':
			return `Fading: ${at(1)} to ${at(0) - 1} %`;
		case 'weak':
			return `Weak: ${at(2)} to ${at(1) - 1} %`;
		case 'forgotten':
			return `Forgotten: below ${at(2)} %`;
		case 'never':
			return 'Never studied';
	}
}

/** A recall probability as the map shows it: a whole percentage, "never studied" for null. */
export function formatRecall(recall: number | null): string {
	return recall === null ? 'never studied' : `${Math.round(recall * 100)} %`;
}

/**
 * A section's line of the map as text, coverage beside recall, so a few studied cards never read
 * as the whole section known: "12 of 30 cards studied, predicted recall 82 % of those".
 */
export function describeSectionKnowledge(section: SectionKnowledge): string {
	const studied = section.total - section.neverStudied;
	if (section.recall === null || studied === 0) {
		return `none of ${section.total} cards studied yet`;
	}
	return `${studied} of ${section.total} cards studied, predicted recall ${formatRecall(section.recall)} of those`;
}

/** The whole essay's coverage and the mean recall of its studied cards (each card once). */
export function essayCoverage(sections: readonly SectionKnowledge[]): {
	studied: number;
	total: number;
	recall: number | null;
} {
	let studied = 0;
	let total = 0;
	let sum = 0;
	for (const s of sections) {
		const n = s.total - s.neverStudied;
		total += s.total;
		if (s.recall !== null && n > 0) {
			studied += n;
			sum += s.recall * n;
		}
	}
	return { studied, total, recall: studied > 0 ? sum / studied : null };
}

/** A sentence's mark as a screen reader hears it: "recall 85 %, fading". */
export function describeSentenceKnowledge(
	sentence: SentenceKnowledge,
	desiredRetention: number
): string {
	if (sentence.recall === null) return 'never studied';
	const band = recallBand(sentence.recall, desiredRetention);
	const total = sentence.studied + sentence.neverStudied;
	const rest =
		sentence.neverStudied > 0 ? `, ${sentence.neverStudied} of ${total} cards never studied` : '';
	return `recall ${formatRecall(sentence.recall)}, ${band}${rest}`;
}

/** How the map paints a sentence and what it tells a screen reader. */
export interface SentenceMark {
	band: RecallBand;
	/** Read after the sentence, e.g. "knowledge map: recall 85 %, fading". */
	text: string;
}

/** Every cited sentence's band and spoken description, for the reader. */
export function markSentences(
	bySentence: ReadonlyMap<string, SentenceKnowledge>,
	desiredRetention: number
): Map<string, SentenceMark> {
	const marks = new Map<string, SentenceMark>();
	for (const [id, k] of bySentence) {
		marks.set(id, {
			band: recallBand(k.recall, desiredRetention),
			text: `knowledge map: ${describeSentenceKnowledge(k, desiredRetention)}`
		});
	}
	return marks;
}
