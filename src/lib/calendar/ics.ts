/**
 * iCalendar files (RFC 5545) built in the browser, so reminders need no server: an exam day, an
 * assignment's due time, a daily study time. Pure code: the clock (DTSTAMP) is passed in.
 */

/** When an event starts. */
export type IcsStart =
	/** A whole day, a local calendar date (YYYY-MM-DD): an exam day. */
	| { kind: 'date'; date: string }
	/** A wall-clock time wherever the student is ("floating"): a daily study time. */
	| { kind: 'floating'; date: string; time: string }
	/** An instant: an assignment's due time, the same moment for everyone. */
	| { kind: 'utc'; at: number };

export interface IcsEvent {
	/** Stable for the same reminder, so importing it again updates instead of duplicating. */
	uid: string;
	summary: string;
	description?: string;
	url?: string;
	start: IcsStart;
	/** Length of a timed event in minutes (a whole-day event lasts its day). */
	minutes?: number;
	/** Repeats every day from its start. */
	daily?: boolean;
	/** A notification this many minutes before the start. */
	alarmMinutesBefore?: number;
}

export class IcsError extends Error {}

const CRLF = '\r\n';
/** RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/** TEXT values (RFC 5545 3.3.11): backslash, semicolon and comma escaped, newlines as \n. */
export function escapeText(text: string): string {
	return text
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Splits a content line into lines of at most 75 octets, each continuation starting with one
 * space (RFC 5545 3.1). Never splits a UTF-8 sequence or a character made of two code units.
 */
export function foldLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = encoder.encode(char).length;
		// Continuation lines begin with a space, which counts towards their 75.
		const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join(`${CRLF} `);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A UTC instant as a DATE-TIME with the Z suffix: 20261211T170000Z. */
export function utcDateTime(at: number): string {
	if (!Number.isFinite(at)) throw new IcsError(`not a time: ${at}`);
	const d = new Date(at);
	return (
		`${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
		`T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
	);
}

function calendarDate(date: string): { year: number; month: number; day: number } {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [];
	const check = match ? new Date(Date.UTC(year!, month! - 1, day!)) : null;
	if (!check || check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day) {
		throw new IcsError(`not a calendar date like 2026-12-11: "${date}"`);
	}
	return { year: year!, month: month!, day: day! };
}

const dateValue = ({ year, month, day }: { year: number; month: number; day: number }) =>
	`${pad(year, 4)}${pad(month)}${pad(day)}`;

/** The day after a calendar date, for a whole-day event's exclusive DTEND. */
function nextDay(date: string): string {
	const { year, month, day } = calendarDate(date);
	const d = new Date(Date.UTC(year, month - 1, day + 1));
	return dateValue({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

function floatingTime(time: string): string {
	const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
	if (!match) throw new IcsError(`not a time like 19:30: "${time}"`);
	return `${match[1]}${match[2]}00`;
}

function durationValue(minutes: number): string {
	if (!Number.isInteger(minutes) || minutes < 0) {
		throw new IcsError(`a duration is a whole number of minutes, not ${minutes}`);
	}
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	return `PT${hours > 0 ? `${hours}H` : ''}${rest > 0 || hours === 0 ? `${rest}M` : ''}`;
}

function eventLines(event: IcsEvent, stamp: string): string[] {
	if (event.uid.trim() === '' || /[\r\n]/.test(event.uid)) {
		throw new IcsError('an event needs a one-line UID');
	}
	const lines = ['BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${stamp}`];
	const { start } = event;
	if (start.kind === 'date') {
		lines.push(`DTSTART;VALUE=DATE:${dateValue(calendarDate(start.date))}`);
		lines.push(`DTEND;VALUE=DATE:${nextDay(start.date)}`);
	} else {
		const value =
			start.kind === 'utc'
				? utcDateTime(start.at)
				: `${dateValue(calendarDate(start.date))}T${floatingTime(start.time)}`;
		lines.push(`DTSTART:${value}`, `DURATION:${durationValue(event.minutes ?? 30)}`);
	}
	if (event.daily) lines.push('RRULE:FREQ=DAILY');
	lines.push(`SUMMARY:${escapeText(event.summary)}`);
	if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
	// A URI value is not TEXT: it is written as it is, without TEXT escapes.
	if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, '')}`);
	// Whole-day events are free time in the student's calendar, timed ones busy.
	lines.push(`TRANSP:${start.kind === 'date' ? 'TRANSPARENT' : 'OPAQUE'}`);
	if (event.alarmMinutesBefore !== undefined) {
		lines.push(
			'BEGIN:VALARM',
			'ACTION:DISPLAY',
			`DESCRIPTION:${escapeText(event.summary)}`,
			`TRIGGER:-${durationValue(event.alarmMinutesBefore)}`,
			'END:VALARM'
		);
	}
	lines.push('END:VEVENT');
	return lines;
}

/**
 * A whole iCalendar file holding `events`: CRLF line ends, long lines folded at 75 octets, text
 * escaped, each event with its UID and a DTSTAMP of `now`. Throws IcsError on a malformed date,
 * time or UID, writing nothing.
 */
export function buildCalendar(events: readonly IcsEvent[], now: number): string {
	if (events.length === 0) throw new IcsError('a calendar file needs at least one event');
	const stamp = utcDateTime(now);
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Meridian//Study reminders//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		...events.flatMap((e) => eventLines(e, stamp)),
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join(CRLF) + CRLF;
}

/** A file name from a title: "meridian-exam-history.ics". */
export function icsFileName(...parts: string[]): string {
	const slug = parts
		.join('-')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return `meridian-${slug || 'reminder'}.ics`;
}
