import { studyDay } from './day';

export interface Streak {
	/** Consecutive study days with at least one review, up to today (or yesterday). */
	days: number;
	/** Whether today already counts; when not, the streak is still alive until today ends. */
	today: boolean;
}

/**
 * The daily streak at `now`: how many study days in a row, ending today, have at least one
 * review. A streak whose last day was yesterday still stands (today is not over); a day with no
 * review breaks it. Days start at `dayStartHour`, so a review at 1 am counts for the day before.
 */
export function dailyStreak(
	reviewTimes: Iterable<number>,
	now: number,
	dayStartHour: number
): Streak {
	const days = new Set<string>();
	for (const time of reviewTimes) days.add(studyDay(time, dayStartHour).key);
	let day = studyDay(now, dayStartHour);
	const today = days.has(day.key);
	if (!today) day = studyDay(day.start - 1, dayStartHour);
	let count = 0;
	while (days.has(day.key)) {
		count++;
		day = studyDay(day.start - 1, dayStartHour);
	}
	return { days: count, today };
}
