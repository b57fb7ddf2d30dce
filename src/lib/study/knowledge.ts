import {
	knowledgeBySection,
	knowledgeBySentence,
	type SectionCard,
	type SectionKnowledge,
	type SentenceKnowledge
} from '$lib/essay/knowledge';
import type { CardState } from '$lib/srs/scheduler';
import { settingsIn } from '$lib/storage/settings';
import { loadCardStatesAcross, readTogether } from '$lib/storage/study-data';
import { storage } from '$lib/storage/connection.svelte';
import { timed } from './timing';

/** The knowledge map as the reader and home show it. */
export interface EssayKnowledge {
	bySection: SectionKnowledge[];
	/** Per cited sentence; empty when only the sections were asked for. */
	bySentence: Map<string, SentenceKnowledge>;
	/** The student's desired retention, which the bands are relative to. */
	desiredRetention: number;
}

/**
 * The map from the student's card states at `now`: every section (in `sectionSlugs` order) and,
 * given the citations, every cited sentence.
 */
export function essayKnowledge(
	sectionSlugs: readonly string[],
	cards: readonly SectionCard[],
	citations: ReadonlyMap<string, readonly string[]> | null,
	states: ReadonlyMap<string, CardState>,
	desiredRetention: number,
	now: number
): EssayKnowledge {
	return {
		bySection: knowledgeBySection(sectionSlugs, cards, states, now),
		bySentence: citations ? knowledgeBySentence(citations, states, now) : new Map(),
		desiredRetention
	};
}

/**
 * Reads the student's card states and settings (one readonly transaction, asked at once) and
 * predicts recall at `now` for every section and, given the citations, every cited sentence.
 */
export async function loadEssayKnowledge(
	sectionSlugs: readonly string[],
	cards: readonly SectionCard[],
	citations: ReadonlyMap<string, readonly string[]> | null,
	now: number
): Promise<EssayKnowledge> {
	// Opening the database is the page's cost, shared with everything else it stores; like
	// home's counts, the measure starts once it is open.
	const db = await storage.open();
	return timed('knowledge-map', async () => {
		const [states, settings] = await readTogether(db, ['cardStates', 'settings'], (tx) =>
			Promise.all([
				// Every card of the essay: one request across their ids (as home's counts read them).
				loadCardStatesAcross(
					tx.objectStore('cardStates'),
					cards.map((c) => c.id)
				),
				settingsIn(tx.objectStore('settings'))
			])
		);
		return essayKnowledge(sectionSlugs, cards, citations, states, settings.desiredRetention, now);
	});
}
