import { formatDate } from '$lib/format/dates';
// Made on first use; `toLocaleString` would make a formatter on every call (the calendar's 365
// tooltips spent more time there than drawing their cells).
let count: Intl.NumberFormat | undefined;

/** "1 review", "3 reviews", "1,234 reviews". */
export const plural = (n: number, word: string) =>
	`${(count ??= new Intl.NumberFormat()).format(n)} ${word}${n === 1 ? '' : 's'}`;

// One formatter each: the calendar formats hundreds of dates.
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const month = new Intl.DateTimeFormat(undefined, { month: 'short' });

/** A day as the whole app writes it, like "Sun 29 Nov 2026" ($lib/format/dates). */
export const dateLabel = (at: number) => formatDate(at);
/** A day without the year, like "29 Nov", for axis labels. */
export const shortDateLabel = (at: number) => shortDay.format(at);
/** A month, like "Nov". */
export const monthLabel = (at: number) => month.format(at);

/** Minutes studied, like "45 min" or "1 h 5 min". */
export function duration(ms: number): string {
	const minutes = Math.round(ms / 60_000);
	if (minutes < 60) return `${minutes} min`;
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
