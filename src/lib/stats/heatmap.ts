import type { StudyDay } from './days';

export interface HeatmapCell {
	key: string;
	start: number;
	count: number;
	/** Column: weeks since the first shown week. */
	week: number;
	/** Row: 0 for Monday to 6 for Sunday. */
	weekday: number;
}

export interface ReviewHeatmap {
	cells: HeatmapCell[];
	weeks: number;
	total: number;
	max: number;
	/** Days with at least one review. */
	activeDays: number;
}

/** Monday-first weekday of a study day, from the local date it starts on. */
const weekdayOf = (day: StudyDay) => (new Date(day.start).getDay() + 6) % 7;

/**
 * Lays reviews per study day out as a calendar of weeks (columns) by weekdays (rows), the way
 * Anki and GitHub draw it. `counts[i]` is the number of reviews on `days[i]`.
 */
export function reviewHeatmap(days: readonly StudyDay[], counts: readonly number[]): ReviewHeatmap {
	const first = days[0];
	const offset = first ? weekdayOf(first) : 0;
	const cells = days.map((day, i) => ({
		key: day.key,
		start: day.start,
		count: counts[i] ?? 0,
		week: Math.floor((i + offset) / 7),
		weekday: weekdayOf(day)
	}));
	return {
		cells,
		weeks: cells.length === 0 ? 0 : cells.at(-1)!.week + 1,
		total: cells.reduce((sum, c) => sum + c.count, 0),
		max: cells.reduce((max, c) => Math.max(max, c.count), 0),
		activeDays: cells.filter((c) => c.count > 0).length
	};
}
