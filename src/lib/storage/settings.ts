import * as v from 'valibot';
import {
	parseSettings,
	StudySettingsSchema,
	withExamDate,
	type StudySettings
} from '$lib/srs/settings';
import { inTransaction, type MeridianDB } from './db';
import { describeStorageError } from './errors';

/** The settings row's key in the settings store (which also holds the student id). */
export const SETTINGS_KEY = 'study';

/**
 * The settings as a settings store holds them (a transaction's, so they can be read with other
 * stores at once); rows written by older versions are validated and completed, defaults where
 * there is none.
 */
export async function settingsIn(store: {
	get(key: string): Promise<{ value: unknown } | undefined>;
}): Promise<StudySettings> {
	return parseSettings((await store.get(SETTINGS_KEY))?.value);
}

/** The student's settings (see {@link settingsIn}). */
export function loadSettings(db: MeridianDB): Promise<StudySettings> {
	return settingsIn(db.transaction('settings').store);
}

export async function saveSettings(db: MeridianDB, settings: StudySettings): Promise<void> {
	try {
		await db.put('settings', { key: SETTINGS_KEY, value: settings });
	} catch (error) {
		throw describeStorageError(error);
	}
}

/**
 * Reads, changes and writes the settings in one transaction, so that two pages changing
 * different fields (the settings form, an exam date) never overwrite each other's change. The
 * result is validated before it is written; an invalid change throws and writes nothing.
 */
export function updateSettings(
	db: MeridianDB,
	change: (current: StudySettings) => StudySettings
): Promise<StudySettings> {
	return inTransaction(db, ['settings'], 'readwrite', async (tx) => {
		const current = await settingsIn(tx.store);
		const next = v.parse(StudySettingsSchema, change(current));
		await tx.store.put({ key: SETTINGS_KEY, value: next });
		return next;
	});
}

/** Sets (or, with null, clears) a deck's exam date, keeping every other setting. */
export function saveExamDate(
	db: MeridianDB,
	deckId: string,
	date: string | null
): Promise<StudySettings> {
	return updateSettings(db, (current) => withExamDate(current, deckId, date));
}
