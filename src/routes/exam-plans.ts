import { cardsInDeck } from '$lib/decks/membership';
import type { CardIndexEntry, DeckSummary } from '$lib/decks/types';
import { examTiming, type ExamTiming } from '$lib/srs/exam';
import { examForecast, type ExamForecast } from '$lib/srs/exam-forecast';
import type { StudySettings } from '$lib/srs/settings';
import type { MeridianDB } from '$lib/storage/db';
import { loadCardStates } from '$lib/storage/study-data';

/** One deck's exam as home shows it. */
export interface ExamPlan {
	deckId: string;
	title: string;
	timing: ExamTiming;
	/** How the deck stands for the exam; null once the exam has passed. */
	forecast: ExamForecast | null;
}

/**
 * Home's exam lines: every deck with an exam date, soonest first, with how many of its cards are
 * predicted below the desired retention on exam day. Each deck's cards come from the whole-essay
 * deck's card index home already has, as home's counts do. A deck that no longer exists is left out; its date
 * stays stored.
 */
export async function loadExamPlans(
	db: MeridianDB,
	settings: StudySettings,
	decks: readonly DeckSummary[],
	allCards: readonly CardIndexEntry[],
	now: number
): Promise<ExamPlan[]> {
	const dated = Object.entries(settings.examDates)
		.sort(([, a], [, b]) => a.localeCompare(b))
		.flatMap(([deckId, date]) => {
			const deck = decks.find((d) => d.id === deckId);
			return deck ? [{ deck, date, cards: cardsInDeck(deck, allCards) }] : [];
		});
	if (dated.length === 0) return [];
	const states = await loadCardStates(db, [
		...new Set(dated.flatMap(({ cards }) => cards.map((c) => c.id)))
	]);
	return dated.map(({ deck, date, cards }) => {
		const timing = examTiming(date, now, settings.dayStartHour);
		const forecast =
			timing.status === 'past'
				? null
				: examForecast(cards, states, timing.at, settings.desiredRetention);
		return { deckId: deck.id, title: deck.title, timing, forecast };
	});
}
