import type { Deck } from '$lib/decks/types';
import { examForecast, examTiming, type ExamForecast, type ExamTiming } from '$lib/srs/exam';
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
 * predicted below the desired retention on exam day. A deck that no longer exists (or cannot be
 * loaded) is left out; its date stays stored.
 */
export async function loadExamPlans(
	db: MeridianDB,
	settings: StudySettings,
	loadDeck: (id: string) => Promise<Deck>,
	now: number
): Promise<ExamPlan[]> {
	const dated = Object.entries(settings.examDates).sort(([, a], [, b]) => a.localeCompare(b));
	if (dated.length === 0) return [];
	const decks = await Promise.all(dated.map(([id]) => loadDeck(id).catch(() => null)));
	const states = await loadCardStates(
		db,
		decks.flatMap((deck) => deck?.cards.map((c) => c.id) ?? [])
	);
	return dated.flatMap(([deckId, date], i) => {
		const deck = decks[i];
		if (!deck) return [];
		const timing = examTiming(date, now, settings.dayStartHour);
		const forecast =
			timing.status === 'past'
				? null
				: examForecast(deck.cards, states, timing.at, settings.desiredRetention);
		return [{ deckId, title: deck.title, timing, forecast }];
	});
}
