import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, icsFileName, IcsError, type IcsEvent } from './ics';

const NOW = Date.UTC(2026, 11, 1, 12, 41, 7);
const octets = (s: string) => new TextEncoder().encode(s).length;

/** Unfolds (RFC 5545 3.1) and splits a file into [name with parameters, value] pairs. */
function parse(file: string): [string, string][] {
	return file
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.filter((line) => line !== '')
		.map((line) => {
			const colon = line.indexOf(':');
			return [line.slice(0, colon), line.slice(colon + 1)];
		});
}

const value = (file: string, name: string) => parse(file).find(([n]) => n === name)?.[1];

/** Reverses escapeText, for round trips. */
const unescape = (text: string) =>
	text.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

const exam: IcsEvent = {
	uid: 'exam-history@meridian',
	summary: 'Exam: History',
	start: { kind: 'date', date: '2026-12-11' }
};

describe('buildCalendar', () => {
	it('ends every line with CRLF and holds one VEVENT in a VCALENDAR', () => {
		const file = buildCalendar([exam], NOW);
		expect(file.endsWith('\r\n')).toBe(true);
		expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const names = parse(file).map(([n]) => n);
		expect(names[0]).toBe('BEGIN');
		expect(parse(file)[0]).toEqual(['BEGIN', 'VCALENDAR']);
		expect(parse(file).at(-1)).toEqual(['END', 'VCALENDAR']);
		expect(parse(file).filter(([n, v]) => n === 'BEGIN' && v === 'VEVENT')).toHaveLength(1);
		expect(value(file, 'VERSION')).toBe('2.0');
		expect(value(file, 'PRODID')).toBe('-//Meridian//Study reminders//EN');
	});

	it('stamps each event with its UID and DTSTAMP in UTC', () => {
		const file = buildCalendar([exam], NOW);
		expect(value(file, 'UID')).toBe('exam-history@meridian');
		expect(value(file, 'DTSTAMP')).toBe('20261201T124107Z');
	});

	it('writes a whole-day event as DATE values ending the next day, across a year end', () => {
		const file = buildCalendar([exam], NOW);
		expect(value(file, 'DTSTART;VALUE=DATE')).toBe('20261211');
		expect(value(file, 'DTEND;VALUE=DATE')).toBe('20261212');
		const newYear = buildCalendar([{ ...exam, start: { kind: 'date', date: '2026-12-31' } }], NOW);
		expect(value(newYear, 'DTEND;VALUE=DATE')).toBe('20270101');
		expect(value(newYear, 'TRANSP')).toBe('TRANSPARENT');
	});

	it('writes an instant in UTC with Z and a wall-clock time floating, without Z or TZID', () => {
		const due = buildCalendar(
			[{ uid: 'a', summary: 'Due', start: { kind: 'utc', at: Date.UTC(2026, 11, 11, 17) } }],
			NOW
		);
		expect(value(due, 'DTSTART')).toBe('20261211T170000Z');
		expect(value(due, 'DURATION')).toBe('PT30M');
		const daily = buildCalendar(
			[
				{
					uid: 'daily',
					summary: 'Study',
					start: { kind: 'floating', date: '2026-12-02', time: '19:30' },
					minutes: 75,
					daily: true,
					alarmMinutesBefore: 0
				}
			],
			NOW
		);
		expect(value(daily, 'DTSTART')).toBe('20261202T193000');
		expect(daily).not.toContain('TZID');
		expect(value(daily, 'DURATION')).toBe('PT1H15M');
		expect(value(daily, 'RRULE')).toBe('FREQ=DAILY');
		expect(value(daily, 'TRIGGER')).toBe('-PT0M');
		expect(value(daily, 'ACTION')).toBe('DISPLAY');
	});

	it('a one-off event has no RRULE', () => {
		expect(value(buildCalendar([exam], NOW), 'RRULE')).toBeUndefined();
	});

	it('escapes text so commas, semicolons, backslashes and newlines survive a round trip', () => {
		const summary = 'Exam; part 1, "Belt\\Road"\nbring a pen';
		const file = buildCalendar([{ ...exam, summary, description: summary }], NOW);
		expect(value(file, 'SUMMARY')).toBe('Exam\\; part 1\\, "Belt\\\\Road"\\nbring a pen');
		expect(unescape(value(file, 'DESCRIPTION')!)).toBe(summary);
	});

	it('folds long lines at 75 octets and unfolding gives the text back', () => {
		const description = 'Сино-российские отношения, 中俄关系 and 🚆 trains '.repeat(8);
		const file = buildCalendar([{ ...exam, description }], NOW);
		for (const line of file.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
		expect(file.split('\r\n').filter((l) => l.startsWith(' ')).length).toBeGreaterThan(3);
		expect(unescape(value(file, 'DESCRIPTION')!)).toBe(description);
	});

	it.each([
		['a date that does not exist', { kind: 'date', date: '2026-02-30' }],
		['a date in another format', { kind: 'date', date: '11/12/2026' }],
		['an hour past 23', { kind: 'floating', date: '2026-12-02', time: '24:00' }],
		['a time that is no number', { kind: 'utc', at: Number.NaN }]
	] as const)('refuses %s', (_, start) => {
		expect(() => buildCalendar([{ ...exam, start }], NOW)).toThrow(IcsError);
	});

	it('refuses an empty calendar and a UID with a line break', () => {
		expect(() => buildCalendar([], NOW)).toThrow(IcsError);
		expect(() => buildCalendar([{ ...exam, uid: 'a\r\nX-EVIL:1' }], NOW)).toThrow(IcsError);
	});
});

describe('foldLine', () => {
	it('leaves a line of exactly 75 octets alone and folds one of 76', () => {
		expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
		expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
	});

	it('never splits a multi-byte character or a surrogate pair', () => {
		const folded = foldLine(`${'x'.repeat(74)}é🚆${'é'.repeat(60)}`);
		const lines = folded.split('\r\n');
		expect(lines[0]).toBe('x'.repeat(74));
		for (const line of lines) {
			expect(octets(line)).toBeLessThanOrEqual(75);
			expect(line.isWellFormed()).toBe(true);
		}
		expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
	});
});

describe('escapeText and icsFileName', () => {
	it('escapes each special character', () => {
		expect(escapeText('a\\b;c,d\r\ne\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
	});

	it('makes a safe file name', () => {
		expect(icsFileName('exam', 'Belt & Road')).toBe('meridian-exam-belt-road.ics');
		expect(icsFileName('!!!')).toBe('meridian-reminder.ics');
	});
});
