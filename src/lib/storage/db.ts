import * as v from 'valibot';
import {
	openDB,
	type DBSchema,
	type IDBPDatabase,
	type IDBPTransaction,
	type StoreNames
} from 'idb';
import type { CardMark } from '$lib/srs/marks';
import type { CardState, ReviewLogEntry } from '$lib/srs/scheduler';
import {
	summariseLogs,
	summaryRows,
	type ReviewSummary,
	type SummaryRow
} from '$lib/stats/summary';
import type { DeviceAssignment } from './assignments';
import type { LogChunk } from './log-chunks';
import type { ClassRow } from './classes';
import { describeStorageError } from './errors';
import type { OutboxRow } from './outbox';
import type { QuizAttemptRow } from './quiz-attempts';
import { ReviewLogSchema } from './schemas';

// WARNING: the database and store names are where students' progress lives. Renaming any of them
// (or the database) without a migration that copies the data loses every review. Migrations only
// ever append: never edit a released `if (oldVersion < N)` block.
export const DB_NAME = 'meridian';
export const DB_VERSION = 6;

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
		value: QuizAttemptRow;
		indexes: { byDeck: string; byTime: number };
	};
	assignments: { key: string; value: DeviceAssignment };
	outbox: { key: string; value: OutboxRow };
	/**
	 * The review log summarised, kept by every write to the log: since version 5 one row of counts
	 * per quarter hour (a number key) and one row of Review-state recall per card (its id); version
	 * 2 to 4 kept one row per quarter hour with every card's recall in it.
	 */
	daySummaries: { key: number | string; value: SummaryRow };
	/** The card browser's suspend, bury and flag marks, one row per marked card (version 3). */
	cardMarks: { key: string; value: CardMark };
	/** Classes on this device, keyed by [role, code]: memberships and instructors' (version 4). */
	classes: { key: [ClassRow['role'], string]; value: ClassRow };
	/**
	 * The backup's sealed pieces of the review log (version 6; log-chunks.ts): each the compressed
	 * lines of the reviews in one range of times, keyed by [last, after] (the range is after < time
	 * <= last), dropped by every write to the log in its range. Derived: never in a backup.
	 */
	logChunks: { key: [IDBValidKey, IDBValidKey]; value: LogChunk };
}

export type MeridianDB = IDBPDatabase<MeridianSchema>;
export type StoreName = StoreNames<MeridianSchema>;
export type Transaction<
	Names extends StoreName[],
	Mode extends IDBTransactionMode
> = IDBPTransaction<MeridianSchema, Names, Mode>;

/**
 * Runs `work` in one transaction over `stores` and resolves once it has committed. Requests the
 * work makes without awaiting go to `track`: the commit waits for them, and a failure of any one
 * rejects the whole. On any failure the transaction is aborted, so none of its writes land, every
 * request still pending is settled, and the error comes out as a StorageError (a validation error
 * thrown by the work comes out as it is).
 *
 * No durability hint is given, so the browser's default applies: "relaxed" in Chromium since
 * version 121 (as in Firefox and Safari), where a commit has landed once the browser has handed
 * the writes to the operating system. A committed review therefore survives a crashed tab or a
 * killed browser, though not a power cut in the moment after; "strict" (wait for the disk) would
 * cover that too, at the cost of a disk flush on every rating (docs/benchmarks.md, h20r).
 */
export async function inTransaction<
	const Names extends StoreName[],
	Mode extends IDBTransactionMode,
	T
>(
	db: MeridianDB,
	stores: Names,
	mode: Mode,
	work: (tx: Transaction<Names, Mode>, track: (request: Promise<unknown>) => void) => Promise<T>
): Promise<T> {
	const tx = startTransaction(() => db.transaction(stores, mode));
	const pending: Promise<unknown>[] = [];
	// A request's failure surfaces through the awaited commit; no rejection goes unhandled meanwhile.
	const track = (request: Promise<unknown>) => {
		request.catch(() => undefined);
		pending.push(request);
	};
	try {
		const result = await work(tx, track);
		await Promise.all([...pending, tx.done]);
		return result;
	} catch (error) {
		abortQuietly(tx, pending);
		throw error instanceof v.ValiError ? error : describeStorageError(error);
	}
}

export interface OpenOptions {
	/** Called when a newer version of the app upgrades the database in another tab. */
	onVersionChange?: () => void;
	/** Called when this tab's upgrade waits for other tabs to close. */
	onBlocked?: () => void;
}

/** Opens (creating or upgrading) the app's one database. */
export async function openMeridianDB(options: OpenOptions = {}): Promise<MeridianDB> {
	const db = await openDB<MeridianSchema>(DB_NAME, DB_VERSION, {
		upgrade(database, oldVersion, _newVersion, transaction) {
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
			if (oldVersion < 2) {
				database.createObjectStore('daySummaries', { keyPath: 'bucket' });
				// The summaries of the log as it is, in one pass of batched reads inside the upgrade.
				void buildSummaries(transaction).catch(() => abortQuietly(transaction));
			}
			if (oldVersion < 3) {
				database.createObjectStore('cardMarks', { keyPath: 'cardId' });
			}
			if (oldVersion < 4) {
				database.createObjectStore('classes', { keyPath: ['role', 'code'] });
			}
			if (oldVersion < 5) {
				// The summaries in their compact shape, derived from the log: the store is recreated
				// keyed by `key` and rebuilt in one pass (version 2's block above has started that pass
				// when it created the store; it writes to this store, which exists by its first write).
				database.deleteObjectStore('daySummaries');
				database.createObjectStore('daySummaries', { keyPath: 'key' });
				if (oldVersion >= 2)
					void buildSummaries(transaction).catch(() => abortQuietly(transaction));
			}
			if (oldVersion < 6) {
				// Empty: the first export seals the log's pieces.
				database.createObjectStore('logChunks', { keyPath: ['last', 'after'] });
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

/** How many log rows one read of the migration takes. */
const MIGRATION_BATCH = 5000;

async function buildSummaries(
	tx: IDBPTransaction<MeridianSchema, StoreName[], 'versionchange'>
): Promise<void> {
	const logs = tx.objectStore('reviewLogs');
	const summaries = new Map<number, ReviewSummary>();
	let after: string | null = null;
	for (;;) {
		const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
		const batch: unknown[] = await logs.getAll(range, MIGRATION_BATCH);
		if (batch.length === 0) break;
		// A row no version of the app could read (hand-written) is left out, as every reader does.
		summariseLogs(
			batch.filter((row) => v.is(ReviewLogSchema, row)) as ReviewLogEntry[],
			1,
			summaries
		);
		after = (batch.at(-1) as ReviewLogEntry).id;
	}
	const store = tx.objectStore('daySummaries');
	await Promise.all(summaryRows(summaries).map((row) => store.put(row)));
}

/**
 * Aborts a transaction after a failure so that none of its writes land (it may be done already),
 * and settles its promise and any requests still pending, which the abort rejects.
 */
function abortQuietly(
	tx: { abort(): void; done: Promise<void> },
	pending: readonly Promise<unknown>[] = []
): void {
	for (const request of [tx.done, ...pending]) request.catch(() => undefined);
	try {
		tx.abort();
	} catch {
		// Already committed or aborted: nothing was left half-written.
	}
}

/** Starts a transaction, turning a refusal (a closed or deleted database) into a StorageError. */
function startTransaction<T>(start: () => T): T {
	try {
		return start();
	} catch (error) {
		throw describeStorageError(error);
	}
}
