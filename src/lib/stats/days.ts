import { studyDay } from '$lib/srs/day';

/** One study day: local time, starting at the student's start-of-day hour. */
export interface StudyDay {
	start: number;
	end: number;
	/** The local date the study day starts on, `YYYY-MM-DD`. */
	key: string;
}

/**
 * The `count` study days ending with today's, oldest first. Each day is found from the one after
 * it, so a 23- or 25-hour day across a daylight-saving change is still exactly one day.
 */
export function recentStudyDays(now: number, startHour: number, count: number): StudyDay[] {
	const days: StudyDay[] = [];
	let day = studyDay(now, startHour);
	for (let i = 0; i < count; i++) {
		days.push(day);
		day = studyDay(day.start - 1, startHour);
	}
	return days.reverse();
}

/** The `count` study days starting with today's, in order. */
export function upcomingStudyDays(now: number, startHour: number, count: number): StudyDay[] {
	const days: StudyDay[] = [];
	let day = studyDay(now, startHour);
	for (let i = 0; i < count; i++) {
		days.push(day);
		day = studyDay(day.end, startHour);
	}
	return days;
}

/** The index of the day containing `at` in consecutive `days`, or -1 outside them. */
export function dayIndexOf(days: readonly StudyDay[], at: number): number {
	let low = 0;
	let high = days.length - 1;
	while (low <= high) {
		const mid = (low + high) >> 1;
		const day = days[mid]!;
		if (at < day.start) high = mid - 1;
		else if (at >= day.end) low = mid + 1;
		else return mid;
	}
	return -1;
}

/** Sums `weight(item)` into the day each item's time falls in; items outside the days are skipped. */
export function sumByDay<T>(
	days: readonly StudyDay[],
	items: Iterable<T>,
	time: (item: T) => number,
	weight: (item: T) => number = () => 1
): number[] {
	const sums = days.map(() => 0);
	for (const item of items) {
		const index = dayIndexOf(days, time(item));
		if (index >= 0) sums[index]! += weight(item);
	}
	return sums;
}
