import { createEmptyCard, fsrs, type Card as FsrsCard, type StepUnit } from 'ts-fsrs';
import type { StudySettings } from './settings';
import {
	GRADES,
	type CardState,
	type Grade,
	type ReviewLogEntry,
	type ReviewSource
} from './states';

// The names, limits and stored shapes are in `./states`, which has no ts-fsrs code (the study
// page's first card is painted before this module loads). The types are repeated here for the
// modules that only import types.
export type { CardState, Grade, ReviewLogEntry, ReviewSource };

export type Scheduler = ReturnType<typeof fsrs>;

/**
 * Makes the FSRS-6 scheduler for the student's settings. Fuzz is on; ts-fsrs seeds it from the
 * card and the review time, so the same review always gives the same interval.
 */
export function createScheduler(settings: StudySettings): Scheduler {
	return fsrs({
		request_retention: settings.desiredRetention,
		maximum_interval: settings.maximumIntervalDays,
		enable_fuzz: true,
		enable_short_term: true,
		learning_steps: settings.learningSteps as StepUnit[],
		relearning_steps: settings.relearningSteps as StepUnit[]
	});
}

function toFsrs(state: CardState | null | undefined, now: number): FsrsCard {
	if (!state) return createEmptyCard(new Date(now));
	return {
		due: new Date(state.due),
		stability: state.stability,
		difficulty: state.difficulty,
		elapsed_days: state.elapsedDays,
		scheduled_days: state.scheduledDays,
		learning_steps: state.learningSteps,
		reps: state.reps,
		lapses: state.lapses,
		state: state.state,
		last_review: state.lastReview === null ? undefined : new Date(state.lastReview)
	};
}

function fromFsrs(cardId: string, card: FsrsCard, lastLogId: string | null): CardState {
	return {
		cardId,
		due: card.due.getTime(),
		stability: card.stability,
		difficulty: card.difficulty,
		elapsedDays: card.elapsed_days,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		lastReview: card.last_review ? card.last_review.getTime() : null,
		lastLogId
	};
}

export interface ReviewInput {
	logId: string;
	cardId: string;
	rating: Grade;
	now: number;
	source: ReviewSource;
	durationMs?: number;
}

/** Schedules one review: the card's next state and the log entry that records it. */
export function scheduleReview(
	scheduler: Scheduler,
	previous: CardState | null | undefined,
	input: ReviewInput
): { next: CardState; log: ReviewLogEntry } {
	const { card } = scheduler.next(toFsrs(previous, input.now), new Date(input.now), input.rating);
	const next = fromFsrs(input.cardId, card, input.logId);
	return {
		next,
		log: {
			id: input.logId,
			cardId: input.cardId,
			rating: input.rating,
			reviewedAt: input.now,
			source: input.source,
			previous: previous ?? null,
			state: next.state,
			due: next.due,
			stability: next.stability,
			difficulty: next.difficulty,
			scheduledDays: next.scheduledDays,
			elapsedDays: next.elapsedDays,
			durationMs: Math.max(0, Math.round(input.durationMs ?? 0))
		}
	};
}

/** The interval each rating would schedule now, as Anki labels it ("<1m", "10m", "3d"). */
export function previewIntervals(
	scheduler: Scheduler,
	state: CardState | null | undefined,
	now: number
): Record<Grade, string> {
	const preview = scheduler.repeat(toFsrs(state, now), new Date(now));
	return Object.fromEntries(
		GRADES.map((g) => [g, formatInterval(preview[g].card.due.getTime() - now)])
	) as Record<Grade, string>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Formats an interval in milliseconds the way Anki's buttons do. */
export function formatInterval(ms: number): string {
	if (ms < MINUTE) return '<1m';
	if (ms < HOUR) return `${Math.round(ms / MINUTE)}m`;
	if (ms < DAY) return `${Math.round(ms / HOUR)}h`;
	const days = ms / DAY;
	if (days < 30) return `${Math.round(days)}d`;
	if (days < 365) return `${(days / 30).toFixed(days < 300 ? 1 : 0).replace(/\.0$/, '')}mo`;
	return `${(days / 365).toFixed(1).replace(/\.0$/, '')}y`;
}
