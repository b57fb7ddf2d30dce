import { formatCalendarDate } from '$lib/format/dates';
import { studyDay } from './day';
import type { QueueEntry } from './queue';
import { recallAt } from './recall';
import type { CardState } from './scheduler';

const DAY = 24 * 60 * 60 * 1000;

const calendar = (date: string) => {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	return { year, month, day };
};

/** Days between two YYYY-MM-DD dates, by the calendar (no daylight-saving hour creeps in). */
function daysBetween(from: string, to: string): number {
	const a = calendar(from);
	const b = calendar(to);
	return Math.round(
		(Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY
	);
}

/**
 * When an exam on `date` (YYYY-MM-DD, local) begins for prediction: the start of that study day,
 * `dayStartHour` o'clock local time. Reviews from then on belong to the exam day itself, exactly as
 * the study day counts them everywhere else, so the prediction is for the morning of the exam.
 */
export function examMoment(date: string, dayStartHour: number): number {
	const { year, month, day } = calendar(date);
	return new Date(year, month - 1, day, dayStartHour).getTime();
}

export type ExamStatus = 'upcoming' | 'today' | 'past';

export interface ExamTiming {
	date: string;
	status: ExamStatus;
	/** Study days from today to the exam day: 0 on the day, negative once it has passed. */
	daysLeft: number;
	/** The moment recall is predicted for: the exam day's start, or `now` on the day itself. */
	at: number;
}

/** Where `now` stands relative to an exam on `date`, counted in study days. */
export function examTiming(date: string, now: number, dayStartHour: number): ExamTiming {
	const daysLeft = daysBetween(studyDay(now, dayStartHour).key, date);
	return {
		date,
		status: daysLeft > 0 ? 'upcoming' : daysLeft === 0 ? 'today' : 'past',
		daysLeft,
		at: Math.max(now, examMoment(date, dayStartHour))
	};
}

/**
 * The exam date an assignment due at `dueAt` (an ISO instant) sets: the study day the deadline
 * falls in, whose start is never after the deadline. Null when that day has already passed.
 */
export function examDateForDeadline(
	dueAt: string,
	now: number,
	dayStartHour: number
): string | null {
	const due = Date.parse(dueAt);
	if (!Number.isFinite(due)) return null;
	const date = studyDay(due, dayStartHour).key;
	return examTiming(date, now, dayStartHour).status === 'past' ? null : date;
}

export interface RecallForecast<C> {
	card: C;
	state: CardState | null;
	/** Predicted recall at the exam; null for a card never studied. */
	recall: number | null;
}

/** Each card's predicted recall at `at` (epoch ms), in the deck's order. */
export function predictRecall<C extends { id: string }>(
	cards: readonly C[],
	states: ReadonlyMap<string, CardState>,
	at: number
): RecallForecast<C>[] {
	return cards.map((card) => {
		const state = states.get(card.id) ?? null;
		return { card, state, recall: recallAt(state, at) };
	});
}

export interface ExamForecast {
	total: number;
	/** Cards predicted below the target at the exam, never-studied cards included. */
	below: number;
	neverStudied: number;
}

/**
 * How a deck stands for an exam at `at`: how many of its cards are predicted below `target`
 * (the desired retention). A card never studied has no memory to predict and counts as below.
 */
export function examForecast<C extends { id: string }>(
	cards: readonly C[],
	states: ReadonlyMap<string, CardState>,
	at: number,
	target: number
): ExamForecast {
	const forecast = predictRecall(cards, states, at);
	const neverStudied = forecast.filter((f) => f.recall === null).length;
	const below = forecast.filter((f) => f.recall === null || f.recall < target).length;
	return { total: cards.length, below, neverStudied };
}

export interface ExamQueueOptions {
	/** The moment to predict recall for: {@link ExamTiming.at}. */
	at: number;
	/** The desired retention: cards predicted at or above it are ready and left out. */
	target: number;
	/** The current study day, from {@link studyDay}. */
	dayStart: number;
	dayEnd: number;
}

/**
 * The "Prepare for exam" queue: studied cards predicted below `target` at the exam, lowest
 * predicted recall first (ties in deck order), then every never-studied card in deck order.
 *
 * - Cards already predicted at or above the target are ready and left out, so the session ends
 *   once everything that needs work has had it.
 * - New cards ignore the daily new-card limit: with an exam coming, a card never seen is the
 *   likeliest to be missed, and the limit exists to pace long-term study, not cramming.
 * - A card already reviewed today is left out unless a learning step makes it due again today:
 *   another same-day review adds almost nothing to its memory (FSRS barely raises stability
 *   within a day), so it comes back on a later day if it still needs work.
 */
export function examQueue<C extends { id: string }>(
	cards: readonly C[],
	states: ReadonlyMap<string, CardState>,
	{ at, target, dayStart, dayEnd }: ExamQueueOptions
): QueueEntry<C>[] {
	const studied: { entry: QueueEntry<C>; recall: number; order: number }[] = [];
	const fresh: QueueEntry<C>[] = [];
	predictRecall(cards, states, at).forEach(({ card, state, recall }, order) => {
		if (recall === null || !state) {
			fresh.push({ card, state });
			return;
		}
		const reviewedToday = (state.lastReview ?? 0) >= dayStart;
		if (recall < target && (!reviewedToday || state.due < dayEnd)) {
			studied.push({ entry: { card, state }, recall, order });
		}
	});
	studied.sort((a, b) => a.recall - b.recall || a.order - b.order);
	return [...studied.map((s) => s.entry), ...fresh];
}

/**
 * Where a card just reviewed in exam preparation goes: to the end of the session when a learning
 * step makes it due again before the study day ends, otherwise out of the session.
 */
export function examRequeue<C>(
	rest: readonly QueueEntry<C>[],
	entry: QueueEntry<C>,
	dayEnd: number
): QueueEntry<C>[] {
	return entry.state && entry.state.due < dayEnd ? [...rest, entry] : [...rest];
}

/** An exam date as the app writes every date: "Fri 11 Dec 2026" ($lib/format/dates). */
export function formatExamDate(date: string): string {
	return formatCalendarDate(date);
}

/** How far off the exam is, in words: "today", "tomorrow", "in 12 days", "passed". */
export function examCountdown(timing: ExamTiming): string {
	if (timing.status === 'past') return 'passed';
	if (timing.daysLeft === 0) return 'today';
	return timing.daysLeft === 1 ? 'tomorrow' : `in ${timing.daysLeft} days`;
}
