import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_SETTINGS,
	isCalendarDate,
	MAX_EXAM_DATES,
	parseSettings,
	StudySettingsSchema,
	withDeckNewLimit,
	withExamDate
} from './settings';

// A settings row as versions before exam dates wrote it.
const OLD_ROW = {
	desiredRetention: 0.85,
	newPerDay: 15,
	maximumIntervalDays: 365,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m'],
	dayStartHour: 5
};
// Fields added after exam dates, as an older row reads them.
const NEW_FIELDS = {
	readAloud: { voice: '', rate: 1 },
	studyTime: '',
	howItWorksDismissed: false
};
/** What an old row gains: the fields added since, at their defaults. */
const LATER = { examDates: {}, deckNewLimits: {}, showStreak: false, ...NEW_FIELDS };

describe('exam dates in settings', () => {
	it('an old row without examDates still parses, with no exam dates', () => {
		expect(parseSettings(OLD_ROW)).toEqual({ ...OLD_ROW, ...LATER });
		expect(v.parse(StudySettingsSchema, OLD_ROW).examDates).toEqual({});
	});

	it('keeps valid exam dates', () => {
		const examDates = { energy: '2026-12-11', history: '2027-01-04' };
		expect(parseSettings({ ...OLD_ROW, examDates }).examDates).toEqual(examDates);
	});

	it.each([
		['not a calendar date', { energy: '2026-02-30' }],
		['a date in another format', { energy: '11/12/2026' }],
		['a number', { energy: 20261211 }],
		['a key that is no deck id', { 'Energy Deck!': '2026-12-11' }],
		['an array', ['2026-12-11']],
		[
			'too many entries',
			Object.fromEntries(
				Array.from({ length: MAX_EXAM_DATES + 1 }, (_, i) => [`deck-${i}`, '2026-12-11'])
			)
		]
	])('falls back to none for %s and keeps the other fields', (_name, examDates) => {
		expect(parseSettings({ ...OLD_ROW, examDates })).toEqual({ ...OLD_ROW, ...LATER });
	});

	it('sets and clears one deck’s date without touching the others', () => {
		const one = withExamDate(DEFAULT_SETTINGS, 'energy', '2026-12-11');
		const two = withExamDate(one, 'sco', '2026-12-20');
		expect(two.examDates).toEqual({ energy: '2026-12-11', sco: '2026-12-20' });
		expect(withExamDate(two, 'energy', null).examDates).toEqual({ sco: '2026-12-20' });
		expect(DEFAULT_SETTINGS.examDates).toEqual({});
	});

	it('recognises real calendar dates only', () => {
		expect(isCalendarDate('2028-02-29')).toBe(true);
		expect(isCalendarDate('2026-02-29')).toBe(false);
		expect(isCalendarDate('2026-13-01')).toBe(false);
		expect(isCalendarDate('2026-1-1')).toBe(false);
	});
});

describe('read aloud, study time and the how-it-works note', () => {
	it('an older row reads the defaults', () => {
		const parsed = parseSettings(OLD_ROW);
		expect(parsed.readAloud).toEqual({ voice: '', rate: 1 });
		expect(parsed.studyTime).toBe('');
		expect(parsed.howItWorksDismissed).toBe(false);
	});

	it('keeps valid values', () => {
		const row = {
			...OLD_ROW,
			readAloud: { voice: 'urn:voice:en-GB', rate: 1.25 },
			studyTime: '19:30',
			howItWorksDismissed: true
		};
		expect(parseSettings(row)).toEqual({ ...LATER, ...row });
	});

	it.each([
		['readAloud', { voice: '', rate: 9 }],
		['readAloud', { voice: 3, rate: 1 }],
		['studyTime', '7pm'],
		['studyTime', '24:00'],
		['howItWorksDismissed', 'yes']
	])('an invalid %s falls back to its default, keeping the rest', (key, bad) => {
		const parsed = parseSettings({ ...OLD_ROW, [key]: bad });
		expect(parsed[key as keyof typeof NEW_FIELDS]).toEqual(
			NEW_FIELDS[key as keyof typeof NEW_FIELDS]
		);
		expect(parsed.newPerDay).toBe(OLD_ROW.newPerDay);
	});
});

describe('per-deck new-card limits and the streak setting', () => {
	it('an old row has no deck limits and no streak', () => {
		const parsed = v.parse(StudySettingsSchema, OLD_ROW);
		expect(parsed.deckNewLimits).toEqual({});
		expect(parsed.showStreak).toBe(false);
	});

	it('keeps valid deck limits and the streak choice', () => {
		const row = { ...OLD_ROW, deckNewLimits: { energy: 5, history: 0 }, showStreak: true };
		expect(parseSettings(row)).toEqual({ ...OLD_ROW, ...LATER, ...row });
	});

	it.each([
		['a negative limit', { energy: -1 }],
		['a fraction', { energy: 2.5 }],
		['over 500', { energy: 501 }],
		['a key that is no deck id', { 'Energy!': 5 }],
		['an array', [5]]
	])('drops deck limits with %s and keeps the other fields', (_name, deckNewLimits) => {
		expect(parseSettings({ ...OLD_ROW, deckNewLimits })).toEqual({ ...OLD_ROW, ...LATER });
	});

	it('sets and clears one deck’s limit without touching the others', () => {
		const two = withDeckNewLimit(withDeckNewLimit(DEFAULT_SETTINGS, 'energy', 5), 'sco', 0);
		expect(two.deckNewLimits).toEqual({ energy: 5, sco: 0 });
		expect(withDeckNewLimit(two, 'energy', null).deckNewLimits).toEqual({ sco: 0 });
		expect(DEFAULT_SETTINGS.deckNewLimits).toEqual({});
	});
});
