import * as v from 'valibot';
import { SLUG } from '$lib/decks/ids';

/** A learning step as ts-fsrs takes it: a number and a unit, minutes, hours or days. */
const STEP = /^\d+(?:\.\d+)?[mhd]$/;

/** More exam dates than this is not a student preparing for exams but a corrupted row. */
export const MAX_EXAM_DATES = 50;

/** True for a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		year >= 1970 &&
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day
	);
}

/** A daily study time, HH:MM on a 24-hour clock. */
export const STUDY_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Read-aloud speeds the Settings page offers; the browser's own range is wider. */
export const MIN_SPEECH_RATE = 0.5;
export const MAX_SPEECH_RATE = 2;

const DeckId = v.pipe(v.string(), v.regex(SLUG), v.maxLength(100));
const CalendarDate = v.pipe(v.string(), v.check(isCalendarDate, 'must be a date like 2026-12-11'));

/** More per-deck new-card limits than this is a corrupted row (the app has about 20 decks). */
export const MAX_DECK_LIMITS = 100;

/** A record keyed by deck id; a record alone would take an array's indexes for deck ids. */
const deckRecord = <T extends v.GenericSchema>(value: T, max: number, what: string) =>
	v.pipe(
		v.custom<object>(
			(entries) => typeof entries === 'object' && entries !== null && !Array.isArray(entries),
			`must be an object of deck ids and ${what}`
		),
		v.record(DeckId, value),
		v.maxEntries(max, `too many ${what}`)
	);

const NewLimit = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(500));

export const StudySettingsSchema = v.object({
	desiredRetention: v.pipe(v.number(), v.minValue(0.7), v.maxValue(0.97)),
	/** New cards per day across the whole essay: every deck's sessions share it. */
	newPerDay: NewLimit,
	maximumIntervalDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36500)),
	learningSteps: v.pipe(
		v.array(v.pipe(v.string(), v.regex(STEP, 'a step is a number and m, h or d, like 10m'))),
		v.maxLength(10)
	),
	relearningSteps: v.pipe(
		v.array(v.pipe(v.string(), v.regex(STEP, 'a step is a number and m, h or d, like 10m'))),
		v.maxLength(10)
	),
	/** Anki's "next day starts at": reviews before this hour count for the day before. */
	dayStartHour: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23)),
	/**
	 * The student's exam date per deck id, a local calendar date. Optional so that rows and
	 * backups written before exam dates existed stay valid; they read as none.
	 */
	examDates: v.optional(deckRecord(CalendarDate, MAX_EXAM_DATES, 'exam dates'), {}),
	/**
	 * A deck's own daily new-card limit, by deck id (Anki's per-deck "new cards/day"); the
	 * essay's `newPerDay` still caps it. A deck without one has only the essay's limit. Optional
	 * so that older rows and backups stay valid.
	 */
	deckNewLimits: v.optional(deckRecord(NewLimit, MAX_DECK_LIMITS, 'new-card limits'), {}),
	/** Show the daily streak (days with at least one review) in session summaries and stats. */
	showStreak: v.optional(v.boolean(), false),
	/**
	 * Read aloud: the chosen voice's voiceURI ('' for the browser's default for English) and the
	 * speed (1 is normal). Optional, like every field added later: older rows read the defaults.
	 */
	readAloud: v.optional(
		v.object({
			voice: v.pipe(v.string(), v.maxLength(500)),
			rate: v.pipe(v.number(), v.minValue(MIN_SPEECH_RATE), v.maxValue(MAX_SPEECH_RATE))
		}),
		{ voice: '', rate: 1 }
	),
	/** The daily study time for the calendar reminder, HH:MM, or '' when none is chosen. */
	studyTime: v.optional(
		v.union([v.literal(''), v.pipe(v.string(), v.regex(STUDY_TIME, 'must be a time like 19:30'))]),
		''
	),
	/** Home's short "how it works" was dismissed. */
	howItWorksDismissed: v.optional(v.boolean(), false)
});

export type StudySettings = v.InferOutput<typeof StudySettingsSchema>;

export const DEFAULT_SETTINGS: StudySettings = {
	desiredRetention: 0.9,
	newPerDay: 20,
	maximumIntervalDays: 36500,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m'],
	dayStartHour: 4,
	examDates: {},
	deckNewLimits: {},
	showStreak: false,
	readAloud: { voice: '', rate: 1 },
	studyTime: '',
	howItWorksDismissed: false
};

/**
 * Reads settings stored by any version, keeping valid fields and defaulting the rest: a field
 * missing from an older row, or invalid, takes its default without touching the others.
 */
export function parseSettings(raw: unknown): StudySettings {
	const merged = { ...DEFAULT_SETTINGS };
	if (raw && typeof raw === 'object') {
		for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof StudySettings)[]) {
			const candidate = { ...merged, [key]: (raw as Record<string, unknown>)[key] };
			// The parsed output, not the candidate: an optional field comes out with its default.
			const parsed = v.safeParse(StudySettingsSchema, candidate);
			if (parsed.success) Object.assign(merged, { [key]: parsed.output[key] });
		}
	}
	return merged;
}

/** The settings with `deckId`'s exam date set to `date`, or removed when `date` is null. */
export function withExamDate(
	settings: StudySettings,
	deckId: string,
	date: string | null
): StudySettings {
	const examDates = { ...settings.examDates };
	if (date === null) delete examDates[deckId];
	else examDates[deckId] = date;
	return { ...settings, examDates };
}

/** The settings with `deckId`'s own new-card limit set to `limit`, or removed when null. */
export function withDeckNewLimit(
	settings: StudySettings,
	deckId: string,
	limit: number | null
): StudySettings {
	const deckNewLimits = { ...settings.deckNewLimits };
	if (limit === null) delete deckNewLimits[deckId];
	else deckNewLimits[deckId] = limit;
	return { ...settings, deckNewLimits };
}
