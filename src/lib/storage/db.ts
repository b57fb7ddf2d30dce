import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CardState, ReviewLogEntry } from '$lib/srs/scheduler';

// WARNING: the database and store names are where students' progress lives. Renaming any of them
// (or the database) without a migration that copies the data loses every review. Migrations only
// ever append: never edit a released `if (oldVersion < N)` block.
export const DB_NAME = 'meridian';
export const DB_VERSION = 1;

export const STORES = {
	cardStates: 'cardStates',
	reviewLogs: 'reviewLogs',
	settings: 'settings',
	quizAttempts: 'quizAttempts',
	assignments: 'assignments',
	outbox: 'outbox'
} as const;

/** A stored quiz attempt; its fields belong to the quiz feature and are validated there. */
export interface StoredRecord {
	id: string;
	[key: string]: unknown;
}

export interface MeridianSchema extends DBSchema {
	cardStates: { key: string; value: CardState; indexes: { byDue: number } };
	reviewLogs: {
		key: string;
		value: ReviewLogEntry;
		indexes: { byCard: string; byTime: number };
	};
	settings: { key: string; value: { key: string; value: unknown } };
	quizAttempts: {
		key: string;
		value: StoredRecord & { deckId: string; startedAt: number };
		indexes: { byDeck: string; byTime: number };
	};
	assignments: { key: string; value: StoredRecord };
	outbox: { key: string; value: StoredRecord };
}

export type MeridianDB = IDBPDatabase<MeridianSchema>;

export interface OpenOptions {
	/** Called when a newer version of the app upgrades the database in another tab. */
	onVersionChange?: () => void;
	/** Called when this tab's upgrade waits for other tabs to close. */
	onBlocked?: () => void;
}

/** Opens (creating or upgrading) the app's one database. */
export async function openMeridianDB(options: OpenOptions = {}): Promise<MeridianDB> {
	const db = await openDB<MeridianSchema>(DB_NAME, DB_VERSION, {
		upgrade(database, oldVersion) {
			if (oldVersion < 1) {
				const states = database.createObjectStore('cardStates', { keyPath: 'cardId' });
				states.createIndex('byDue', 'due');
				const logs = database.createObjectStore('reviewLogs', { keyPath: 'id' });
				logs.createIndex('byCard', 'cardId');
				logs.createIndex('byTime', 'reviewedAt');
				database.createObjectStore('settings', { keyPath: 'key' });
				const attempts = database.createObjectStore('quizAttempts', { keyPath: 'id' });
				attempts.createIndex('byDeck', 'deckId');
				attempts.createIndex('byTime', 'startedAt');
				database.createObjectStore('assignments', { keyPath: 'id' });
				database.createObjectStore('outbox', { keyPath: 'id' });
			}
		},
		blocked() {
			options.onBlocked?.();
		}
	});
	db.addEventListener('versionchange', () => {
		// Let the newer version upgrade; this tab must reload before it can store anything again.
		db.close();
		options.onVersionChange?.();
	});
	return db;
}
