import { parseSettings, type StudySettings } from '$lib/srs/settings';
import type { MeridianDB } from './db';
import { describeStorageError } from './errors';

const KEY = 'study';

/** The student's settings; rows written by older versions are validated and completed. */
export async function loadSettings(db: MeridianDB): Promise<StudySettings> {
	const row = await db.get('settings', KEY);
	return parseSettings(row?.value);
}

export async function saveSettings(db: MeridianDB, settings: StudySettings): Promise<void> {
	try {
		await db.put('settings', { key: KEY, value: settings });
	} catch (error) {
		throw describeStorageError(error);
	}
}
