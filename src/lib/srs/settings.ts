import * as v from 'valibot';

/** A learning step as ts-fsrs takes it: a number and a unit, minutes, hours or days. */
const STEP = /^\d+(?:\.\d+)?[mhd]$/;

export const StudySettingsSchema = v.object({
	desiredRetention: v.pipe(v.number(), v.minValue(0.7), v.maxValue(0.97)),
	newPerDay: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(500)),
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
	dayStartHour: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23))
});

export type StudySettings = v.InferOutput<typeof StudySettingsSchema>;

export const DEFAULT_SETTINGS: StudySettings = {
	desiredRetention: 0.9,
	newPerDay: 20,
	maximumIntervalDays: 36500,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m'],
	dayStartHour: 4
};

/** Reads settings stored by any version, keeping valid fields and defaulting the rest. */
export function parseSettings(raw: unknown): StudySettings {
	const merged = { ...DEFAULT_SETTINGS };
	if (raw && typeof raw === 'object') {
		for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof StudySettings)[]) {
			const candidate = { ...merged, [key]: (raw as Record<string, unknown>)[key] };
			if (v.is(StudySettingsSchema, candidate)) Object.assign(merged, { [key]: candidate[key] });
		}
	}
	return merged;
}
