// A class quiz's time limit, as pure functions of the clock the caller passes in.

/** The time a student has: the assignment's limit times their multiplier (extra time). */
export function timeAllowedMs(limitMinutes: number, multiplier = 1): number {
	return Math.round(limitMinutes * 60_000 * Math.max(1, multiplier));
}

/** When the time runs out for an attempt started at `startedAt`. */
export function quizDeadline(startedAt: number, allowedMs: number): number {
	return startedAt + allowedMs;
}

/** What is left at `now`, never below zero. */
export function remainingMs(deadline: number, now: number): number {
	return Math.max(0, deadline - now);
}

/** The remaining time on the clock face: "1:05:09", "12:05", "0:09" (rounded up to the second). */
export function formatClock(ms: number): string {
	const total = Math.ceil(Math.max(0, ms) / 1000);
	const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
	const two = (n: number) => String(n).padStart(2, '0');
	return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** The remaining time in words, for a screen reader: "5 minutes", "1 minute 30 seconds". */
export function formatRemainingWords(ms: number): string {
	const total = Math.ceil(Math.max(0, ms) / 1000);
	const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor(total / 60) % 60;
	const seconds = total % 60;
	const parts = [
		hours > 0 ? plural(hours, 'hour') : '',
		minutes > 0 ? plural(minutes, 'minute') : '',
		// Seconds only matter in the last minutes.
		seconds > 0 && hours === 0 && minutes < 5 ? plural(seconds, 'second') : ''
	].filter(Boolean);
	return parts.join(' ') || '0 seconds';
}

/** The moments (time left, ms) when the remaining time is announced, besides the start. */
const MARKS = [30 * 60_000, 10 * 60_000, 5 * 60_000, 2 * 60_000, 60_000, 30_000, 10_000];

/**
 * The announcement due when the remaining time went from `before` to `after` (ms), or null: the
 * half-way point (of limits of 4 minutes or more) and each of 30, 10, 5, 2 and 1 minutes, 30 and
 * 10 seconds left that is below the time allowed, crossed in this step. When one step crosses
 * several (the page was asleep), only the last is said.
 */
export function timeAnnouncement(before: number, after: number, allowedMs: number): string | null {
	if (after <= 0) return before > 0 ? 'Time is up.' : null;
	const marks = MARKS.filter((mark) => mark < allowedMs);
	if (allowedMs >= 4 * 60_000) marks.push(Math.round(allowedMs / 2));
	const crossed = marks.filter((mark) => before > mark && after <= mark);
	if (crossed.length === 0) return null;
	return `${formatRemainingWords(Math.min(...crossed))} left.`;
}
