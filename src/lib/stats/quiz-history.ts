import type { DeckSummary } from '$lib/decks/types';

/** The fields of a stored quiz attempt that its score history needs. */
export interface AttemptResult {
	id: string;
	deckId: string;
	finishedAt: number | null;
	percent: number | null;
}

export interface DeckQuizHistory {
	deckId: string;
	title: string;
	/** Finished attempts, oldest first. */
	scores: { attemptId: string; finishedAt: number; percent: number }[];
}

/** Each deck's finished quiz attempts with their scores, oldest first; decks never quizzed are left out. */
export function quizScoreHistory(
	attempts: Iterable<AttemptResult>,
	decks: readonly Pick<DeckSummary, 'id' | 'title'>[]
): DeckQuizHistory[] {
	const byDeck = new Map<string, DeckQuizHistory['scores']>();
	for (const a of attempts) {
		if (a.finishedAt === null || a.percent === null) continue;
		const scores = byDeck.get(a.deckId) ?? [];
		scores.push({ attemptId: a.id, finishedAt: a.finishedAt, percent: a.percent });
		byDeck.set(a.deckId, scores);
	}
	return decks.flatMap((deck) => {
		const scores = byDeck.get(deck.id);
		if (!scores) return [];
		return [
			{
				deckId: deck.id,
				title: deck.title,
				scores: scores.sort((x, y) => x.finishedAt - y.finishedAt)
			}
		];
	});
}
