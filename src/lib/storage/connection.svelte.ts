import { openMeridianDB, type MeridianDB } from './db';
import { describeStorageError } from './errors';
import { loadSettings } from './settings';
import type { StudySettings } from '$lib/srs/settings';

/**
 * The app's one connection to IndexedDB, and what the student must be told about it. The UI uses
 * the shared {@link storage}; tests make their own, so each opens the fresh database they set up.
 */
export class StorageConnection {
	/** A message saying what went wrong and what to do, or null. */
	problem = $state<string | null>(null);
	/** A newer version upgraded the database in another tab: this tab must reload. */
	upgradedElsewhere = $state(false);
	#db: Promise<MeridianDB> | null = null;

	open(): Promise<MeridianDB> {
		this.#db ??= openMeridianDB({
			onVersionChange: () => {
				this.upgradedElsewhere = true;
			},
			onBlocked: () => {
				this.problem =
					'Meridian is open in another tab with an older version. Close or reload that tab to continue.';
			}
		}).catch((error: unknown) => {
			this.#db = null;
			throw this.report(error);
		});
		return this.#db;
	}

	async settings(): Promise<StudySettings> {
		return loadSettings(await this.open());
	}

	/** Shows a storage failure to the student and returns it as a StorageError. */
	report(error: unknown) {
		const storageError = describeStorageError(error);
		this.problem = storageError.message;
		return storageError;
	}

	/** Asks the browser to keep our data (once the student has something worth keeping). */
	async persist(): Promise<void> {
		if (navigator.storage?.persisted && !(await navigator.storage.persisted())) {
			await navigator.storage.persist?.();
		}
	}
}

export const storage = new StorageConnection();
