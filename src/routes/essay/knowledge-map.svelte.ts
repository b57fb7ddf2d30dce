import { markSentences, type SectionCard } from '$lib/essay/knowledge';
import { loadEssayKnowledge, type EssayKnowledge } from '$lib/study/knowledge';
import { storage } from '$lib/storage/connection.svelte';

/** The reader's knowledge map: whether it is on, and the student's progress once read. */
export class ReaderKnowledgeMap {
	on = $state(false);
	knowledge = $state.raw<EssayKnowledge | null>(null);
	#loading = false;

	#shown = $derived(this.on ? this.knowledge : null);
	/** How to paint each cited sentence; null while the map is off or not read yet. */
	readonly marks = $derived(
		this.#shown && markSentences(this.#shown.bySentence, this.#shown.desiredRetention)
	);

	/** A section's line of the map; undefined while the map is off or not read yet. */
	section(slug: string) {
		return this.#shown?.bySection.find((k) => k.slug === slug);
	}

	/** Reads the progress once, the first time the map is shown on this page. */
	load(
		sectionSlugs: readonly string[],
		cards: readonly SectionCard[],
		citations: ReadonlyMap<string, readonly string[]>
	): void {
		if (!this.on || this.knowledge || this.#loading) return;
		this.#loading = true;
		loadEssayKnowledge(sectionSlugs, cards, citations, Date.now())
			.then((loaded) => (this.knowledge = loaded))
			.catch((error: unknown) => storage.report(error))
			.finally(() => (this.#loading = false));
	}
}
