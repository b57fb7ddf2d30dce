import { formatCalendarDate } from '$lib/format/dates';
import { studyDay } from './day';
import type { QueueEntry } from './queue';

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
