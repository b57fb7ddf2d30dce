/**
 * The one way the app writes dates and times: "Fri 11 Dec 2026", "Fri 11 Dec 2026, 17:00",
 * "17:00" (a 24-hour clock, never seconds), in the student's time zone. Pure: `now` is passed in.
 */

// Made on first use, not when the module loads: the first formatter a page builds loads locale
// data (15-30 ms of main thread on a slow phone), which would delay every page importing this.
let day: Intl.DateTimeFormat | undefined;
let utcDay: Intl.DateTimeFormat | undefined;
let clock: Intl.DateTimeFormat | undefined;

const DAY = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } as const;

/** The parts joined by spaces: ICU versions differ on the comma after the weekday. */
function partsText(format: Intl.DateTimeFormat, at: number | Date): string {
	const parts = new Map(format.formatToParts(at).map((p) => [p.type, p.value]));
	return (['weekday', 'day', 'month', 'year'] as const).map((type) => parts.get(type)).join(' ');
}

/** A formatter's weekday (Sunday first) and month names, as it writes them in a whole date. */
interface Names {
	weekdays: string[];
	months: string[];
}
const names = new WeakMap<Intl.DateTimeFormat, Names>();

/** Read from 19 dates once: 1 to 7 January 2001 (Monday to Sunday) and the 15th of each month. */
function namesOf(format: Intl.DateTimeFormat, utc: boolean): Names {
	const at = (month: number, day: number) =>
		utc ? Date.UTC(2001, month, day, 12) : new Date(2001, month, day, 12).getTime();
	const part = (time: number, type: 'weekday' | 'month') =>
		format.formatToParts(time).find((p) => p.type === type)?.value ?? '';
	const weekdays: string[] = [];
	for (let day = 1; day <= 7; day++) weekdays[day % 7] = part(at(0, day), 'weekday');
	const months = Array.from({ length: 12 }, (_, month) => part(at(month, 15), 'month'));
	return { weekdays, months };
}

/**
 * `partsText`, with the names looked up: `formatToParts` on every date took most of the time the
 * statistics page spends writing its 425 days (issue 18). Years outside 1000-9999 and invalid
 * dates take `formatToParts` itself.
 */
function dayText(format: Intl.DateTimeFormat, at: number | Date, utc = false): string {
	const date = new Date(at);
	const year = utc ? date.getUTCFullYear() : date.getFullYear();
	if (!(year >= 1000 && year <= 9999)) return partsText(format, at);
	let known = names.get(format);
	if (!known) names.set(format, (known = namesOf(format, utc)));
	const weekday = known.weekdays[utc ? date.getUTCDay() : date.getDay()];
	const month = known.months[utc ? date.getUTCMonth() : date.getMonth()];
	return `${weekday} ${utc ? date.getUTCDate() : date.getDate()} ${month} ${year}`;
}

/** A day: "Fri 11 Dec 2026". */
export function formatDate(at: number | Date): string {
	day ??= new Intl.DateTimeFormat('en-GB', DAY);
	return dayText(day, at);
}

/** A time of day: "17:00". */
export function formatTime(at: number | Date): string {
	clock ??= new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
	return clock.format(at);
}

/** A moment: "Fri 11 Dec 2026, 17:00". */
export function formatDateTime(at: number | Date): string {
	return `${formatDate(at)}, ${formatTime(at)}`;
}

/** A calendar date written YYYY-MM-DD (an exam day), the same day in every time zone. */
export function formatCalendarDate(date: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!match) return date;
	utcDay ??= new Intl.DateTimeFormat('en-GB', { ...DAY, timeZone: 'UTC' });
	return dayText(utcDay, Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])), true);
}

const startOfDay = (at: number) => {
	const d = new Date(at);
	return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
};

/**
 * A moment relative to now, by calendar day: "today at 17:00", "tomorrow at 09:00", otherwise
 * "on Fri 11 Dec 2026 at 09:00".
 */
export function formatWhen(at: number, now: number): string {
	const today = startOfDay(now);
	const then = startOfDay(at);
	// Calendar days, not 24-hour spans: a daylight-saving change makes a day 23 or 25 hours.
	const days = Math.round((then - today) / 86_400_000);
	if (days === 0) return `today at ${formatTime(at)}`;
	if (days === 1) return `tomorrow at ${formatTime(at)}`;
	return `on ${formatDate(at)} at ${formatTime(at)}`;
}

/** Time spent, like "45 s", "12 min" or "1 h 5 min". */
export function formatSpent(ms: number): string {
	if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
	const minutes = Math.round(ms / 60_000);
	if (minutes < 60) return `${minutes} min`;
	const rest = minutes % 60;
	return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}
