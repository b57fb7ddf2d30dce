/**
 * The study day containing `now`, in the local time zone, starting at `startHour` (Anki's "next
 * day starts at", 4 am by default): reviews before that hour belong to the day before.
 */
export function studyDay(
	now: number,
	startHour: number
): { start: number; end: number; key: string } {
	const shifted = new Date(now);
	if (shifted.getHours() < startHour) shifted.setDate(shifted.getDate() - 1);
	const start = new Date(shifted.getFullYear(), shifted.getMonth(), shifted.getDate(), startHour);
	const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1, startHour);
	const key = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}`;
	return { start: start.getTime(), end: end.getTime(), key };
}

/**
 * `time` moved by `days` calendar days in the local time zone, keeping the hour of day (so a
 * study-day boundary stays one across a daylight-saving change).
 */
export function shiftDays(time: number, days: number): number {
	const date = new Date(time);
	date.setDate(date.getDate() + days);
	return date.getTime();
}
