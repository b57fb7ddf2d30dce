import { unwrap } from 'idb';
import * as v from 'valibot';
import { CardMarkSchema } from '$lib/srs/marks';
import type { ReviewLogEntry } from '$lib/srs/scheduler';
import { parseSettings, StudySettingsSchema, type StudySettings } from '$lib/srs/settings';
import { summariseLogs, type ReviewSummary } from '$lib/stats/summary';
import { DB_VERSION, type MeridianDB, type StoreName } from './db';
import { describeStorageError } from './errors';
import {
	CardStateSchema,
	QuizAttemptSchema,
	ReviewLogSchema,
	SettingsRowSchema,
	describeIssue
} from './schemas';
import { COLUMNS, decodeRecord, encodeRecord, sameColumns } from './backup-format';
import { ClassRowSchema } from './classes';
import { gzipPiece, joinGzip, openEnded, type DeflatePiece } from './gzip-join';
import { ChunkRanges, logParts, sealLog, type Seal } from './log-chunks';
import { applySummaryDelta } from './summaries';

// A backup file is gzip-compressed lines of JSON, written and read as a stream, so neither side
// ever holds the whole backup as one string. Since issue 18 the lines are compact ("columns",
// backup-format.ts): a header that lists the stores and their fields, then one line per record,
// store by store, as an array of values (`[storeIndex, ...values]`), and the counts last:
//
//   {"app":"meridian","format":"columns","schemaVersion":6,"exportedAt":"...","stores":[...],...}
//   [1,"card-1",1767600000000,3.2,...]
//   {"end":{"settings":1,"cardStates":283,...}} how many records of each store came before
//
// The files written before it ("lines") name the store and every field on each line:
//
//   {"app":"meridian","format":"lines","schemaVersion":3,"exportedAt":"2026-12-01T..."}
//   ["cardStates",{...}]
//   {"end":{...}}
//
// The last line proves the file is whole: a file cut short anywhere is refused. The import reads
// both, and the single JSON document that versions before them wrote (plain or gzip).

/**
 * The stores a backup carries and how an import merges each, in the order they are written. To
 * carry another store, add one line here (its record schema; `add-missing` unless it needs
 * another rule).
 */
const BACKUP_STORES = {
	settings: { schema: SettingsRowSchema, merge: 'settings' },
	cardStates: { schema: CardStateSchema, merge: 'newer-review' },
	cardMarks: { schema: CardMarkSchema, merge: 'newer-change' },
	quizAttempts: { schema: QuizAttemptSchema, merge: 'add-missing' },
	reviewLogs: { schema: ReviewLogSchema, merge: 'add-missing' },
	// Classes joined and taught here (version 4): a class this device already has keeps its row
	// (its key, its membership's state); a row no page could read is left out of the file.
	classes: { schema: ClassRowSchema, merge: 'add-missing', skipInvalid: true }
} as const satisfies Partial<Record<StoreName, BackupStore>>;

/**
 * How an import merges a store's records with the rows already here:
 * - `add-missing`: a record is added when no row has its key (reviews and attempts are united by
 *   id; a row here is never replaced);
 * - `newer-review`: a card's state comes from whichever side reviewed the card last;
 * - `newer-change`: a card's mark from whichever side changed it last, a cleared mark (a row with
 *   nothing set, kept as a tombstone) included, so a mark removed on one device is removed on the
 *   other; a tie keeps the row here;
 * - `settings`: the settings here are kept (exam dates only the backup knows are added), or the
 *   backup's are taken when there are none.
 */
type MergeRule = 'add-missing' | 'newer-review' | 'newer-change' | 'settings';

interface BackupStore {
	schema: v.GenericSchema<unknown>;
	merge: MergeRule;
	/** Leave rows that fail the schema out of the export (so the file always reads back). */
	skipInvalid?: boolean;
}

export type BackupStoreName = keyof typeof BACKUP_STORES;
const STORE_NAMES = Object.keys(BACKUP_STORES) as BackupStoreName[];
const isStoreName = (name: unknown): name is BackupStoreName =>
	typeof name === 'string' && Object.hasOwn(BACKUP_STORES, name);

/** How many records of each store a backup holds. */
export type BackupCounts = Record<BackupStoreName, number>;
const noCounts = () => Object.fromEntries(STORE_NAMES.map((s) => [s, 0])) as BackupCounts;

/** The settings row a backup carries (the others are this device's own, such as its student id). */
const SETTINGS_KEY = 'study';

/**
 * The first line's `format`: `columns` (written now) or `lines` (read: the first streamed files).
 * Files without one are the older single document.
 */
const FORMAT = 'columns';
const LINES_FORMAT = 'lines';

const HeaderSchema = v.object({
	app: v.literal('meridian', 'this is not a Meridian backup'),
	format: v.picklist(
		[FORMAT, LINES_FORMAT],
		'this backup was made by a newer version of Meridian; update the app first'
	),
	schemaVersion: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(1),
		v.maxValue(
			DB_VERSION,
			'this backup was made by a newer version of Meridian; update the app first'
		)
	),
	exportedAt: v.string(),
	/** `columns` files: the stores in the order of their indices, and the fields of each column. */
	stores: v.optional(v.array(v.string())),
	fields: v.optional(v.record(v.string(), v.array(v.string())))
});

/** The single JSON document that backups were before they were streamed (still imported). */
export const BackupSchema = v.object({
	app: v.literal('meridian', 'this is not a Meridian backup'),
	schemaVersion: HeaderSchema.entries.schemaVersion,
	exportedAt: v.string(),
	cardStates: v.array(CardStateSchema),
	reviewLogs: v.array(ReviewLogSchema),
	quizAttempts: v.array(QuizAttemptSchema),
	settings: v.nullable(StudySettingsSchema),
	/** The card browser's marks (version 3); absent from older backups, which have none. */
	cardMarks: v.optional(v.array(CardMarkSchema), []),
	/** Classes joined and taught on this device (version 4); absent from older backups. */
	classes: v.optional(v.array(ClassRowSchema), [])
});

export type Backup = v.InferOutput<typeof BackupSchema>;

export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

/** How far an export or import has come: `done` of `total` (records, or bytes of the file). */
export interface BackupProgress {
	done: number;
	total: number;
}

export interface BackupOptions {
	/**
	 * Called as the work goes on: an import at most once per piece of the file, an export at most
	 * every 100 ms (and once at its end).
	 */
	onProgress?: (progress: BackupProgress) => void;
	/** Aborting stops the work: an export makes no file, an import writes nothing. */
	signal?: AbortSignal;
}

/** How many records one read of an export takes (one page is compressed in one piece). */
const PAGE_SIZE = 2000;

/** How often (ms) an export reports its progress at most (a page of 2,000 takes a few ms). */
const PROGRESS_EVERY = 100;

/** What an export can be told besides {@link BackupOptions} (tests set smaller pages and ticks). */
export interface ExportOptions extends BackupOptions {
	pageSize?: number;
	/** How many reviews the export seals in one piece of the log (log-chunks.ts; default 5,000). */
	chunkSize?: number;
	/** Progress at most this often (ms; default 100; 0: after every page). */
	progressEvery?: number;
	/** Run in this thread, not in a Worker (the Worker runs it this way). */
	inThread?: boolean;
}

/**
 * Every record a backup carries, store by store, in pages of `pageSize` in key order. Each page is
 * its own short read, so studying in another tab is never held up by an export; a review made
 * while one runs may or may not be in it, as if the backup had been made a moment earlier or later.
 */
async function* readPages(
	db: MeridianDB,
	pageSize = PAGE_SIZE,
	stores: readonly BackupStoreName[] = STORE_NAMES
): AsyncGenerator<{ store: BackupStoreName; records: unknown[] }> {
	for (const store of stores) {
		if (store === 'settings') {
			const row = await db.get('settings', SETTINGS_KEY);
			// Rows written by older versions are completed with today's defaults.
			if (row) yield { store, records: [{ key: SETTINGS_KEY, value: parseSettings(row.value) }] };
			continue;
		}
		const { schema, skipInvalid } = BACKUP_STORES[store] as BackupStore;
		const keyPath = db.transaction(store, 'readonly').store.keyPath;
		// The next page is asked for as soon as this one arrives, so IndexedDB reads it while this
		// one is written and compressed.
		let reading: Promise<unknown[]> | null = readPage(db, store, null, pageSize);
		while (reading) {
			const records: unknown[] = await reading;
			reading =
				records.length === pageSize
					? readPage(db, store, keyOf({ keyPath }, records.at(-1)), pageSize)
					: null;
			reading?.catch(() => undefined);
			if (records.length === 0) break;
			yield { store, records: skipInvalid ? records.filter((r) => v.is(schema, r)) : records };
		}
	}
}

/** One page of `store` after the key `after` (from the first with null), in its own read. */
function readPage(
	db: MeridianDB,
	store: Exclude<BackupStoreName, 'settings'>,
	after: IDBValidKey | null,
	pageSize: number
): Promise<unknown[]> {
	const range = after === null ? null : IDBKeyRange.lowerBound(after, true);
	return db.transaction(store, 'readonly').store.getAll(range, pageSize);
}

/** How many records an export will write, for its progress (settings: one row at most). */
async function countRecords(db: MeridianDB): Promise<number> {
	const counts = await Promise.all(
		STORE_NAMES.map((store) =>
			store === 'settings' ? db.count('settings', SETTINGS_KEY) : db.count(store)
		)
	);
	return counts.reduce((a, b) => a + b, 0);
}

const abortError = () => new DOMException('The backup was cancelled.', 'AbortError');

/** True for the error a cancelled export or import ends with. */
export const isCancelled = (error: unknown) => (error as Error)?.name === 'AbortError';

/** Text compressed as it is written, as one gzip member, taken apart when it ends. */
class GzipText {
	private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
	private readonly output: Promise<ArrayBuffer>;
	private readonly encoder = new TextEncoder();
	/** Nothing written yet. */
	empty = true;

	constructor() {
		const gzip = new CompressionStream('gzip') as unknown as ReadableWritablePair<
			Uint8Array,
			Uint8Array
		>;
		this.writer = gzip.writable.getWriter();
		this.output = new Response(
			gzip.readable as ReadableStream<Uint8Array<ArrayBuffer>>
		).arrayBuffer();
		this.output.catch(() => undefined);
	}

	write(text: string): Promise<void> {
		this.empty = false;
		return this.writer.write(this.encoder.encode(text));
	}

	async close(): Promise<DeflatePiece> {
		await this.writer.close();
		return gzipPiece(new Uint8Array(await this.output));
	}

	abort(): void {
		this.writer.abort().catch(() => undefined);
	}
}

/** Records of one store as lines, each ended by a line break, in one string. */
function recordLines(store: BackupStoreName, records: readonly unknown[]): string {
	const index = STORE_NAMES.indexOf(store);
	const lines = new Array<string>(records.length + 1);
	for (let i = 0; i < records.length; i++) lines[i] = encodeRecord(store, index, records[i]);
	lines[records.length] = '';
	return lines.join('\n');
}

/** Reviews' lines sealed as a piece of the log (log-chunks.ts): compressed, open-ended. */
const sealReviews: Seal = async (rows) => {
	const text = new GzipText();
	await text.write(recordLines('reviewLogs', rows));
	return openEnded(await text.close());
};

export interface ExportedBackup {
	/** The gzip-compressed file. */
	file: Blob;
	/** What is in it. */
	counts: BackupCounts;
	/** A name for the download: `meridian-backup-<date>.jsonl.gz`. */
	fileName: string;
}

/**
 * Writes the student's whole backup (card states, marks, review log, quiz attempts, settings) as
 * a gzip-compressed stream of lines. Records are read from IndexedDB in pages and compressed as
 * they come; only the compressed pieces are kept (in a Blob, which the browser may hold on disk).
 * Where the browser has Workers the work runs in one (backup.worker.ts: it opens the database
 * itself, so reading, the lines and gzip never hold up the page); elsewhere, or when the Worker
 * cannot start, in this thread. Cancelling through `options.signal` rejects with an AbortError
 * ({@link isCancelled}).
 */
export async function exportBackupFile(
	db: MeridianDB,
	now: number,
	options: ExportOptions = {}
): Promise<ExportedBackup> {
	if (options.signal?.aborted) throw abortError();
	if (!options.inThread && typeof Worker !== 'undefined') {
		const exported = await inWorker(
			db,
			{ name: db.name, now, ...knobs(options) },
			options,
			(reply) =>
				reply.kind === 'done'
					? { file: reply.file, counts: reply.counts, fileName: fileNameOf(now) }
					: null
		);
		if (exported) return exported;
	}
	return writeBackupFile(db, now, options);
}

/** The options a Worker is handed (the others stay with the page). */
const knobs = (options: ExportOptions) => ({
	pageSize: options.pageSize,
	chunkSize: options.chunkSize,
	progressEvery: options.progressEvery
});

const fileNameOf = (now: number) =>
	`meridian-backup-${new Date(now).toISOString().slice(0, 10)}.jsonl.gz`;

/**
 * What the export Worker is asked (the database by name: a Worker opens its own connection):
 * the file, or with `sealOnly` only the sealing of the log that an export would do
 * ({@link sealBackupLog}).
 */
export interface ExportRequest {
	name: string;
	now: number;
	sealOnly?: boolean;
	pageSize?: number;
	chunkSize?: number;
	progressEvery?: number;
}

/** What the export Worker answers: `open` once it has the database, then progress and the end. */
export type ExportReply =
	| { kind: 'open' }
	| { kind: 'progress'; progress: BackupProgress }
	| { kind: 'done'; file: Blob; counts: BackupCounts }
	| { kind: 'sealed'; sealed: number }
	| { kind: 'error'; name: string; message: string };

/**
 * An export (or a sealing) in a Worker, ended by its `done` or `sealed` reply, which `finish`
 * turns into the result. Resolves null when the Worker could not start or open the database
 * (the caller then does the work in this thread); a cancel ends the Worker, so no file is made
 * (and a sealing stops where it is: each piece is put in one transaction, whole or not at all).
 */
function inWorker<T>(
	db: MeridianDB,
	request: ExportRequest,
	options: BackupOptions,
	finish: (reply: Extract<ExportReply, { kind: 'done' | 'sealed' }>) => T
): Promise<T | null> {
	let worker: Worker;
	try {
		worker = new Worker(new URL('./backup.worker.ts', import.meta.url), {
			type: 'module',
			name: 'meridian-backup'
		});
	} catch {
		return Promise.resolve(null);
	}
	return new Promise((resolve, reject) => {
		let open = false;
		const end = () => {
			worker.terminate();
			options.signal?.removeEventListener('abort', stop);
		};
		const stop = () => {
			end();
			reject(abortError());
		};
		options.signal?.addEventListener('abort', stop, { once: true });
		worker.onmessage = ({ data }: MessageEvent<ExportReply>) => {
			if (data.kind === 'open') open = true;
			else if (data.kind === 'progress') options.onProgress?.(data.progress);
			else if (data.kind === 'done' || data.kind === 'sealed') {
				end();
				resolve(finish(data));
			} else {
				end();
				if (open) reject(describeStorageError(new DOMException(data.message, data.name)));
				else resolve(null);
			}
		};
		worker.onerror = (event) => {
			event.preventDefault();
			end();
			if (open) reject(describeStorageError(new Error(event.message)));
			else resolve(null);
		};
		worker.postMessage(request);
	});
}

/**
 * The export in this thread ({@link exportBackupFile}; the Worker runs this too). The file is one
 * gzip member: the lines before the log compressed now, the log's sealed pieces as they are
 * stored (log-chunks.ts; those still missing are sealed here), and the reviews after them, the
 * other stores and the last line compressed now (gzip-join.ts joins the pieces).
 */
export async function writeBackupFile(
	db: MeridianDB,
	now: number,
	options: ExportOptions = {}
): Promise<ExportedBackup> {
	const counts = noCounts();
	const counting = countRecords(db);
	counting.catch(() => undefined);
	let total = 0;
	let written = 0;
	const every = options.progressEvery ?? PROGRESS_EVERY;
	let reportedAt = -Infinity;
	const report = (last: boolean) => {
		const at = performance.now();
		if (!options.onProgress || (!last && at - reportedAt < every)) return;
		reportedAt = at;
		options.onProgress({ done: written, total: Math.max(total, written) });
	};
	const open: DeflatePiece[] = [];
	let text = new GzipText();
	const check = () => {
		if (options.signal?.aborted) throw abortError();
	};
	try {
		total = await counting;
		report(false);
		const header = { app: 'meridian', format: FORMAT, schemaVersion: DB_VERSION };
		const columns = { stores: STORE_NAMES, fields: COLUMNS };
		await text.write(
			JSON.stringify({ ...header, exportedAt: new Date(now).toISOString(), ...columns }) + '\n'
		);
		for (const store of STORE_NAMES) {
			if (store === 'reviewLogs') {
				for await (const part of logParts(db, sealReviews, options.chunkSize)) {
					check();
					if (part.chunk) {
						if (!text.empty) {
							open.push(openEnded(await text.close()));
							text = new GzipText();
						}
						open.push(part.chunk);
						counts.reviewLogs += part.chunk.count;
						written += part.chunk.count;
					} else {
						await text.write(recordLines(store, part.rows));
						counts.reviewLogs += part.rows.length;
						written += part.rows.length;
					}
					report(false);
				}
				continue;
			}
			for await (const { records } of readPages(db, options.pageSize, [store])) {
				check();
				await text.write(recordLines(store, records));
				counts[store] += records.length;
				written += records.length;
				report(false);
			}
		}
		await text.write(JSON.stringify({ end: counts }) + '\n');
		const parts = joinGzip(open, await text.close());
		check();
		report(true);
		return {
			file: new Blob(parts as BlobPart[], { type: 'application/gzip' }),
			counts,
			fileName: fileNameOf(now)
		};
	} catch (error) {
		text.abort();
		throw options.signal?.aborted ? abortError() : describeStorageError(error);
	}
}

/**
 * Seals the review log as the next export would (log-chunks.ts, `sealLog`), in the export's
 * Worker where there is one, else in this thread, and makes no file: run after an import has
 * committed, so that the export after it writes the sealed pieces as stored instead of sealing
 * the whole log itself. Progress counts the reviews in sealed pieces; the tail that no piece
 * holds yet is left to the export. Resolves with how many reviews are sealed; a cancel through
 * `options.signal` rejects with an AbortError, and any stop leaves the log merely unsealed from
 * there on (every piece put is whole and exact).
 */
export async function sealBackupLog(db: MeridianDB, options: ExportOptions = {}): Promise<number> {
	if (options.signal?.aborted) throw abortError();
	if (!options.inThread && typeof Worker !== 'undefined') {
		const request: ExportRequest = { name: db.name, now: 0, sealOnly: true, ...knobs(options) };
		const sealed = await inWorker(db, request, options, (reply) =>
			reply.kind === 'sealed' ? reply.sealed : null
		);
		if (sealed !== null) return sealed;
	}
	return writeLogSeal(db, options);
}

/** The sealing in this thread ({@link sealBackupLog}; the Worker runs this too). */
export async function writeLogSeal(db: MeridianDB, options: ExportOptions = {}): Promise<number> {
	try {
		const { done } = await sealLog(db, sealReviews, {
			size: options.chunkSize,
			signal: options.signal,
			onProgress: options.onProgress
		});
		return done;
	} catch (error) {
		throw options.signal?.aborted ? abortError() : describeStorageError(error);
	}
}

/**
 * The backup as one object, read page by page like the file (for code and tests that want the
 * records themselves; a student's export is {@link exportBackupFile}).
 */
export async function exportBackup(
	db: MeridianDB,
	now: number,
	pageSize = PAGE_SIZE
): Promise<Backup> {
	const backup: Backup = {
		app: 'meridian',
		schemaVersion: DB_VERSION,
		exportedAt: new Date(now).toISOString(),
		cardStates: [],
		reviewLogs: [],
		quizAttempts: [],
		settings: null,
		cardMarks: [],
		classes: []
	};
	for await (const { store, records } of readPages(db, pageSize)) {
		if (store === 'settings') backup.settings = (records[0] as { value: StudySettings }).value;
		else {
			const list = (backup as unknown as Record<string, unknown[] | undefined>)[store];
			// A store this object form does not name yet is given its own list.
			if (list) list.push(...records);
			else (backup as unknown as Record<string, unknown[]>)[store] = [...records];
		}
	}
	return backup;
}

/** Parses and validates an older single-document backup's text; the error says what and where. */
export function parseBackup(text: string): Backup {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new BackupError('The file is not valid JSON (it may be truncated or not a backup).');
	}
	return validateDocument(data);
}

function validateDocument(data: unknown): Backup {
	const parsed = v.safeParse(BackupSchema, data);
	if (!parsed.success) {
		const issue = parsed.issues[0]!;
		const where = issue.path?.map((p) => String(p.key)).join('.') || 'the file';
		throw new BackupError(`The backup is not valid at ${where}: ${issue.message}.`);
	}
	return parsed.output;
}

export interface ImportSummary {
	reviewsAdded: number;
	statesUpdated: number;
	attemptsAdded: number;
	marksUpdated: number;
}

type ImportScope = BackupStoreName | 'daySummaries' | 'logChunks';
const IMPORT_SCOPE: ImportScope[] = [...STORE_NAMES, 'daySummaries', 'logChunks'];
type ImportTransaction = ReturnType<typeof startImport>;

function startImport(db: MeridianDB) {
	try {
		return db.transaction(IMPORT_SCOPE, 'readwrite');
	} catch (error) {
		throw describeStorageError(error);
	}
}

/**
 * Waits for `promise` without letting the transaction commit: IndexedDB commits a transaction as
 * soon as it has no request pending, so while the next piece of the file is read and unpacked,
 * one small read after another keeps it open. This is what lets an import of any size write
 * record by record and still land all at once or not at all.
 */
async function keepOpen<T>(tx: ImportTransaction, promise: Promise<T>): Promise<T> {
	let settled = false;
	const result = promise.finally(() => {
		settled = true;
	});
	result.catch(() => undefined);
	const store = tx.objectStore('settings');
	while (!settled) await store.count(SETTINGS_KEY);
	return result;
}

/** Writes a backup's records into one open transaction by each store's merge rule. */
class Merger {
	readonly summary: ImportSummary = {
		reviewsAdded: 0,
		statesUpdated: 0,
		attemptsAdded: 0,
		marksUpdated: 0
	};
	private readonly added = new Map<number, ReviewSummary>();
	private readonly keys = new Map<BackupStoreName, Set<IDBValidKey>>();
	private readonly times = new Map<BackupStoreName, Map<IDBValidKey, number>>();
	private settings: StudySettings | null = null;
	/** Each store of the transaction as IndexedDB's own object (a put is then one plain request). */
	private readonly raw = new Map<BackupStoreName, IDBObjectStore>();

	private constructor(
		private readonly tx: ImportTransaction,
		/** The log's sealed pieces the new reviews fall in, dropped in the same commit. */
		private readonly chunks: ChunkRanges
	) {}

	private store(name: BackupStoreName): IDBObjectStore {
		let os = this.raw.get(name);
		if (!os) this.raw.set(name, (os = unwrap(this.tx.objectStore(name))));
		return os;
	}

	/** Reads what the merge compares with: the keys here, and the times of rows merged by time. */
	static async start(tx: ImportTransaction): Promise<Merger> {
		const merger = new Merger(tx, new ChunkRanges(await tx.objectStore('logChunks').getAllKeys()));
		await Promise.all(
			STORE_NAMES.map(async (store) => {
				const rule: MergeRule = BACKUP_STORES[store].merge;
				const os = tx.objectStore(store);
				if (rule === 'add-missing')
					merger.keys.set(store, new Set((await os.getAllKeys()).map(keyId)));
				else if (rule === 'newer-review' || rule === 'newer-change') {
					const rows = (await os.getAll()) as unknown[];
					merger.times.set(
						store,
						new Map(rows.map((row) => [keyId(keyOf(os, row)), timeOf(rule, row)]))
					);
				}
			})
		);
		return merger;
	}

	/** Writes one validated record (no await: the transaction stays active). */
	write(store: BackupStoreName, record: unknown): void {
		const rule: MergeRule = BACKUP_STORES[store].merge;
		const os = this.store(store);
		if (rule === 'settings') {
			this.settings = (record as { value: StudySettings }).value;
			return;
		}
		const key = keyId(keyOf(os, record));
		if (rule === 'add-missing') {
			const have = this.keys.get(store)!;
			if (have.has(key)) return;
			have.add(key);
			os.put(record);
			if (store === 'reviewLogs') {
				summariseLogs([record as ReviewLogEntry], 1, this.added);
				this.chunks.touch((record as ReviewLogEntry).reviewedAt);
				this.summary.reviewsAdded++;
			} else if (store === 'quizAttempts') this.summary.attemptsAdded++;
			return;
		}
		const times = this.times.get(store)!;
		const time = timeOf(rule, record);
		const mine = times.get(key);
		if (mine !== undefined && mine >= time) return;
		times.set(key, time);
		os.put(record);
		if (store === 'cardStates') this.summary.statesUpdated++;
		else if (store === 'cardMarks') this.summary.marksUpdated++;
	}

	/** The writes that follow from every record: the day summaries and the settings. */
	async finish(): Promise<ImportSummary> {
		const track = (request: Promise<unknown>) => void request.catch(() => undefined);
		this.chunks.drop(this.tx.objectStore('logChunks'), track);
		// The summaries take in exactly the reviews added, in the same commit.
		await applySummaryDelta(this.tx.objectStore('daySummaries'), this.added, track);
		if (this.settings) {
			const store = this.tx.objectStore('settings');
			const row = await store.get(SETTINGS_KEY);
			// Local settings win, but an exam date only the backup knows is added, never replaced.
			const mine = row ? parseSettings(row.value) : null;
			const value: StudySettings = mine
				? { ...mine, examDates: { ...this.settings.examDates, ...mine.examDates } }
				: this.settings;
			put(store, { key: SETTINGS_KEY, value });
		}
		return this.summary;
	}
}

/**
 * A put whose failure aborts the transaction, which the import's commit then reports. (The
 * merger's record writes are plain requests for speed: a failed one, unhandled, aborts the
 * transaction just the same.)
 */
function put(store: { put(value: never): Promise<unknown> }, record: unknown): void {
	void store.put(record as never).catch(() => undefined);
}

function keyOf(store: { keyPath: string | string[] | null }, record: unknown): IDBValidKey {
	const row = record as Record<string, IDBValidKey>;
	const path = store.keyPath!;
	return Array.isArray(path) ? path.map((part) => row[part]!) : row[path]!;
}

/** A key as a Set or Map can compare it: a compound key (an array) by its parts. */
const keyId = (key: IDBValidKey): IDBValidKey => (Array.isArray(key) ? JSON.stringify(key) : key);

function timeOf(rule: MergeRule, record: unknown): number {
	return rule === 'newer-review'
		? ((record as { lastReview: number | null }).lastReview ?? 0)
		: (record as { updatedAt: number }).updatedAt;
}

/**
 * Runs an import in one transaction: `feed` validates the records and hands each to the merger.
 * Any failure, a cancel included, aborts the transaction, so not one record of it lands.
 */
async function runImport(
	db: MeridianDB,
	signal: AbortSignal | undefined,
	feed: (merger: Merger, tx: ImportTransaction) => Promise<void>
): Promise<ImportSummary> {
	if (signal?.aborted) throw abortError();
	const tx = startImport(db);
	const stop = () => abort(tx);
	signal?.addEventListener('abort', stop, { once: true });
	try {
		const merger = await Merger.start(tx);
		await feed(merger, tx);
		const summary = await merger.finish();
		await tx.done;
		return summary;
	} catch (error) {
		abort(tx);
		if (signal?.aborted) throw abortError();
		throw error instanceof BackupError ? error : describeStorageError(error);
	} finally {
		signal?.removeEventListener('abort', stop);
	}
}

function abort(tx: ImportTransaction): void {
	tx.done.catch(() => undefined);
	try {
		tx.abort();
	} catch {
		// Already finished: a committed import was whole, an aborted one wrote nothing.
	}
}

/**
 * Merges an older single-document backup, already validated by {@link parseBackup}, in one
 * transaction. The rules are the file import's ({@link importBackupStream}).
 */
export function importBackup(db: MeridianDB, backup: Backup): Promise<ImportSummary> {
	return runImport(db, undefined, async (merger) => writeDocument(merger, backup));
}

function writeDocument(merger: Merger, backup: Backup): void {
	if (backup.settings) merger.write('settings', { key: SETTINGS_KEY, value: backup.settings });
	for (const record of backup.cardStates) merger.write('cardStates', record);
	for (const record of backup.cardMarks) merger.write('cardMarks', record);
	for (const record of backup.quizAttempts) merger.write('quizAttempts', record);
	for (const record of backup.reviewLogs) merger.write('reviewLogs', record);
	for (const record of backup.classes) merger.write('classes', record);
}

/** How long (ms) lines are validated and written before the page gets a turn to draw. */
const TURN_MS = 40;
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The stream's bytes as they come, unpacked when they are gzip (sniffed from the first bytes). */
async function unpacked(
	bytes: ReadableStream<Uint8Array>,
	onBytes: (n: number) => void
): Promise<ReadableStream<Uint8Array>> {
	const reader = bytes.getReader();
	const first = await reader.read();
	const head = first.done ? new Uint8Array() : first.value;
	const counted = new ReadableStream<Uint8Array>({
		start(controller) {
			if (head.byteLength > 0) {
				onBytes(head.byteLength);
				controller.enqueue(head);
			}
			if (first.done) controller.close();
		},
		async pull(controller) {
			const { done, value } = await reader.read();
			if (done) controller.close();
			else {
				onBytes(value.byteLength);
				controller.enqueue(value);
			}
		},
		cancel(reason) {
			return reader.cancel(reason);
		}
	});
	const gzip = head[0] === 0x1f && head[1] === 0x8b;
	return gzip
		? counted.pipeThrough(new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array>)
		: counted;
}

/** Splits text into lines as it arrives, yielding each piece's complete lines. */
async function* linesOf(text: ReadableStream<string>): AsyncGenerator<string[]> {
	const reader = text.getReader();
	// The unfinished line's pieces, joined once its end arrives (an older backup is one long line).
	let rest: string[] = [];
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (!value.includes('\n')) {
				rest.push(value);
				continue;
			}
			const lines = value.split('\n');
			lines[0] = rest.join('') + lines[0];
			rest = [lines.pop()!];
			yield lines;
		}
	} finally {
		reader.releaseLock();
	}
	const last = rest.join('');
	if (last.length > 0) yield [last];
}

/** What an import can be told besides {@link BackupOptions}. */
export interface ImportOptions extends BackupOptions {
	/** The file's size in bytes, for the progress. */
	total?: number;
	/** Called once the import has committed, before the log is sealed (the data is in). */
	onImported?: (summary: ImportSummary) => void;
	/** How many reviews the sealing after the import puts in one piece (default 5,000). */
	chunkSize?: number;
	/** Seal in this thread, not in a Worker. */
	inThread?: boolean;
}

/**
 * The sealing's share of an import's progress, against the file's bytes: sealing a log takes
 * about a fifth of the time its import took (issue 18's figures: 5-6 s after 18-24 s at 200,000
 * reviews, 22-30 s after 89-107 s at 1,000,000), so it is the last fifth of the bar.
 */
const SEAL_SHARE = 0.25;

/**
 * Reads a backup file as a stream (gzip or plain; the lines written by {@link exportBackupFile}
 * or an older single JSON document), validates every record as it comes and merges it in one
 * transaction: all of it lands, or, on any invalid record, a file cut short, a failed write or a
 * cancel, nothing does. Memory holds this device's keys and one piece of the file, not the file.
 *
 * Once the import has committed (`options.onImported` is told), the review log is sealed as the
 * next export would seal it ({@link sealBackupLog}), so that export is quick. The import is whole
 * by then: a cancel or a failure of the sealing only stops it (the log is left unsealed from
 * there on, for the export to seal) and the import still resolves with its summary.
 *
 * Progress counts the file's bytes read (of `total`, the file's size, when known), then the
 * sealing as a quarter as many again ({@link SEAL_SHARE}).
 */
export async function importBackupStream(
	db: MeridianDB,
	bytes: ReadableStream<Uint8Array>,
	options: ImportOptions = {}
): Promise<ImportSummary> {
	let size = 0;
	const scaled = (done: number) => ({ done, total: size * (1 + SEAL_SHARE) });
	const summary = await mergeStream(db, bytes, {
		total: options.total,
		signal: options.signal,
		onProgress: (progress) => {
			size = progress.total;
			options.onProgress?.(scaled(progress.done));
		}
	});
	options.onImported?.(summary);
	try {
		await sealBackupLog(db, {
			signal: options.signal,
			chunkSize: options.chunkSize,
			inThread: options.inThread,
			onProgress: ({ done, total }) =>
				options.onProgress?.(scaled(size + size * SEAL_SHARE * (total > 0 ? done / total : 1)))
		});
	} catch {
		// Cancelled or failed: the log is sealed as far as it went, and the export seals the rest.
	}
	options.onProgress?.(scaled(size * (1 + SEAL_SHARE)));
	return summary;
}

/** The import itself ({@link importBackupStream}): validated and merged in one transaction. */
async function mergeStream(
	db: MeridianDB,
	bytes: ReadableStream<Uint8Array>,
	options: BackupOptions & { total?: number }
): Promise<ImportSummary> {
	let read = 0;
	const report = (n: number) => {
		read += n;
		options.onProgress?.({ done: read, total: Math.max(options.total ?? 0, read) });
	};
	let text: ReadableStream<string>;
	try {
		text = (await unpacked(bytes, report)).pipeThrough(
			new TextDecoderStream('utf-8', { fatal: true }) as ReadableWritablePair<string, Uint8Array>
		);
	} catch {
		throw new BackupError('The file could not be read.');
	}
	const pieces = linesOf(text);
	const damaged = (error: unknown) =>
		error instanceof BackupError || isCancelled(error)
			? error
			: new BackupError(
					'The file could not be unpacked (it is damaged or cut short, or not a Meridian backup).'
				);
	const next = () => pieces.next().catch((error) => Promise.reject(damaged(error)));

	// The first line says which kind of file this is.
	const first = await next();
	if (first.done) throw new BackupError('The file is empty: not a Meridian backup.');
	const [headLine, ...afterHead] = first.value;
	const header = parseLine(headLine!);
	if (!isLinesHeader(header)) {
		// An older backup: one JSON document (written on one line; by hand, maybe on several).
		const parts = [headLine!, ...afterHead];
		for (let piece = await next(); !piece.done; piece = await next()) parts.push(...piece.value);
		const alone = header !== undefined && parts.slice(1).every((line) => line.trim() === '');
		const backup = alone ? validateDocument(header) : parseBackup(parts.join('\n'));
		return runImport(db, options.signal, async (merger) => writeDocument(merger, backup));
	}
	const checked = v.safeParse(HeaderSchema, header);
	if (!checked.success) {
		const { field, message } = describeIssue(checked.issues);
		throw new BackupError(`The backup is not valid at its first line, ${field}: ${message}.`);
	}
	const { format, stores, fields } = checked.output;
	if (format === FORMAT && (!stores || !fields || !sameColumns(fields))) {
		throw new BackupError(
			'The backup is not valid at its first line: its columns are not the ones this version of Meridian reads.'
		);
	}
	/** A parsed line's store and record, or undefined when it is not a record of a known kind. */
	const recordOf: (parsed: unknown) => [BackupStoreName, unknown] | undefined =
		format === FORMAT
			? (parsed) => {
					if (!Array.isArray(parsed)) return undefined;
					const store = stores![parsed[0] as number];
					if (!Number.isInteger(parsed[0]) || !isStoreName(store)) return undefined;
					const record = decodeRecord(store, parsed);
					return record === undefined ? undefined : [store, record];
				}
			: (parsed) => {
					const [store, record, ...more] = Array.isArray(parsed) ? parsed : [];
					return isStoreName(store) && more.length === 0 ? [store, record] : undefined;
				};

	return runImport(db, options.signal, async (merger, tx) => {
		const counts = noCounts();
		let lineNumber = 1;
		let end: unknown = null;
		let turnStarted = performance.now();
		const take = async (lines: string[]) => {
			for (const line of lines) {
				lineNumber++;
				if (end !== null) {
					if (line.trim() === '') continue;
					throw new BackupError(`The backup has more after its last line (line ${lineNumber}).`);
				}
				const parsed = parseLine(line);
				if (parsed === undefined) {
					throw new BackupError(`The backup is not valid at line ${lineNumber}: not JSON.`);
				}
				if (isEnd(parsed)) {
					end = parsed.end;
					continue;
				}
				const found = recordOf(parsed);
				if (!found) {
					throw new BackupError(
						`The backup is not valid at line ${lineNumber}: not a record of a known kind.`
					);
				}
				const [store, record] = found;
				const result = v.safeParse(BACKUP_STORES[store].schema, record);
				if (!result.success) {
					const { field, message } = describeIssue(result.issues);
					throw new BackupError(
						`The backup is not valid at ${store} record ${counts[store] + 1} (line ${lineNumber}), field ${field}: ${message}.`
					);
				}
				counts[store]++;
				merger.write(store, result.output);
				if ((counts[store] & 63) === 0 && performance.now() - turnStarted > TURN_MS) {
					await keepOpen(tx, nextTurn());
					turnStarted = performance.now();
				}
			}
		};
		await take(afterHead);
		for (let piece = await keepOpen(tx, next()); !piece.done; piece = await keepOpen(tx, next())) {
			if (options.signal?.aborted) throw abortError();
			await take(piece.value);
		}
		if (end === null) {
			throw new BackupError(
				'The backup is incomplete: it ends before its last line (the file was cut short).'
			);
		}
		// A store added after the file was made is missing from its last line: none of it.
		const wanted = v.safeParse(
			v.object(Object.fromEntries(STORE_NAMES.map((s) => [s, v.optional(v.number(), 0)]))),
			end
		);
		const short = STORE_NAMES.find((s) => !wanted.success || wanted.output[s] !== counts[s]);
		if (short) {
			throw new BackupError(
				`The backup is incomplete: its last line lists other numbers of ${short} records than it holds.`
			);
		}
	});
}

/** A File or Blob chosen by the student, read as a stream with its size as the progress total. */
export function importBackupFile(
	db: MeridianDB,
	file: Blob,
	options: ImportOptions = {}
): Promise<ImportSummary> {
	return importBackupStream(db, file.stream(), { ...options, total: file.size });
}

function parseLine(line: string): unknown {
	try {
		return JSON.parse(line);
	} catch {
		return undefined;
	}
}

function isLinesHeader(value: unknown): boolean {
	return typeof value === 'object' && value !== null && 'format' in value;
}

function isEnd(value: unknown): value is { end: unknown } {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && 'end' in value;
}
