import type { Card, DeckSummary } from '$lib/decks/types';
import type { CardState } from '$lib/srs/scheduler';
import { cardsByState, type CardsByState } from './card-states';
import { recentStudyDays, sumByDay, upcomingStudyDays, type StudyDay } from './days';
import { dueForecast, type DayCount } from './forecast';
import { reviewHeatmap, type ReviewHeatmap } from './heatmap';
import { quizScoreHistory, type AttemptResult, type DeckQuizHistory } from './quiz-history';
import { trueRetentionByDeck, type DeckRetention } from './retention';
import { bucketOf, bucketStart, recallByCard, type BucketRow, type RecallRow } from './summary';

export const HEATMAP_DAYS = 365;
export const RECENT_DAYS = 30;
export const FORECAST_DAYS = 30;

/** The study days each chart covers, fixed by `now` and the start-of-day hour. */
export interface StatisticsWindow {
	/** The last 365 study days, oldest first, ending today. */
	calendar: StudyDay[];
	/** The last 30 of those: retention and time studied. */
	recent: StudyDay[];
	/** Today and the 29 days after it. */
	ahead: StudyDay[];
}

export function statisticsWindow(now: number, startHour: number): StatisticsWindow {
	const calendar = recentStudyDays(now, startHour, HEATMAP_DAYS);
	return {
		calendar,
		recent: calendar.slice(-RECENT_DAYS),
		ahead: upcomingStudyDays(now, startHour, FORECAST_DAYS)
	};
}

/** What the statistics are computed from, as storage reads it. */
export interface StatisticsInput {
	/** The quarter hours' counts of `days.calendar` (any others are left out). */
	summaries: readonly BucketRow[];
	/** The cards' recall rows (only `days.recent` is counted). */
	recall: readonly RecallRow[];
	states: readonly CardState[];
	attempts: readonly AttemptResult[];
	decks: readonly DeckSummary[];
	allCards: readonly Pick<Card, 'id' | 'section' | 'tags'>[];
}

export interface Statistics {
	heatmap: ReviewHeatmap;
	forecast: DayCount[];
	retention: DeckRetention[];
	cardStates: CardsByState;
	/** Milliseconds studied on each of the recent days. */
	timeStudied: { key: string; start: number; ms: number }[];
	quizzes: DeckQuizHistory[];
}

/** Every chart's figures, from one read of storage. */
export function buildStatistics(days: StatisticsWindow, input: StatisticsInput): Statistics {
	const cardIds = new Set(input.allCards.map((c) => c.id));
	const states = new Map(input.states.map((s) => [s.cardId, s]));
	const since = days.recent[0]?.start ?? Infinity;
	const until = days.recent.at(-1)?.end ?? -Infinity;
	const at = (s: BucketRow) => bucketStart(s.key);
	const reviewCounts = sumByDay(days.calendar, input.summaries, at, (s) => s.reviews);
	const durations = sumByDay(days.recent, input.summaries, at, (s) => s.durationMs);
	const recent = recallByCard(input.recall, bucketOf(since), bucketOf(until));
	return {
		heatmap: reviewHeatmap(days.calendar, reviewCounts),
		forecast: dueForecast(input.states, cardIds, days.ahead),
		retention: trueRetentionByDeck(recent, input.decks, input.allCards),
		cardStates: cardsByState(cardIds, states),
		timeStudied: days.recent.map((day, i) => ({
			key: day.key,
			start: day.start,
			ms: durations[i]!
		})),
		quizzes: quizScoreHistory(input.attempts, input.decks)
	};
}
