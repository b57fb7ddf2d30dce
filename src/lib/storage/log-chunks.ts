import { inTransaction, type MeridianDB } from './db';
import type { DeflatePiece } from './gzip-join';

// The review log's sealed pieces, kept so that an export need not read and compress every review
// again (issue 18): each piece is the backup lines of the reviews in one range of times,
// compressed as deflate data that another piece may follow (gzip-join.ts), with the number of
// reviews in it. The export writes the pieces' bytes as they are and encodes only the reviews no
// piece holds; it seals those as it goes (in ranges of CHUNK_REVIEWS), so the first export after
// an import does the sealing and the next ones only read.
//
// Exactness: a piece covers the times after < reviewedAt <= last (its key is [last, after]), and
// every write to the log drops the pieces its reviews' times fall in, in the same transaction:
// a study or quiz review and an undo drop every piece from the review's time on (none, as a rule:
// a new review is later than any sealed one), an import exactly the pieces its new reviews fall
// in, a repair all of them. The export also counts each piece's range before it uses the piece,
// and a piece is put only if the reviews in its range are still the ones it was made from.

/** One sealed piece of the log (see above). */
export interface LogChunk extends DeflatePiece {
	/** The latest review time in it (the range's upper bound, inclusive). */
	last: IDBValidKey;
	/** The time the range starts after (exclusive); -Infinity for the log's start. */
	after: IDBValidKey;
	/** How many reviews it holds. */
	count: number;
}

/** How many reviews one piece holds (more when many share its last time). */
export const CHUNK_REVIEWS = 5000;

const START = -Infinity;

/** IndexedDB's order of keys (numbers compared directly). */
function compareKeys(a: IDBValidKey, b: IDBValidKey): number {
	if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
	return indexedDB.cmp(a, b);
}

/** A range from a value, or null when the value is no IndexedDB key (the row is in no index). */
function rangeOr(make: () => IDBKeyRange): IDBKeyRange | null {
	try {
		return make();
	} catch {
		return null;
	}
}

const isKey = (value: unknown) => rangeOr(() => IDBKeyRange.only(value)) !== null;

interface ChunkStore {
	delete(key: IDBKeyRange | [IDBValidKey, IDBValidKey]): Promise<unknown>;
	clear(): Promise<unknown>;
}

/**
 * Drops the pieces that hold reviews at `time` or later, in the transaction that writes a review
 * at `time` (a new review is later than every piece, so this drops none, as a rule).
 */
export function dropChunksFrom(
	store: ChunkStore,
	time: unknown,
	track: (request: Promise<unknown>) => void
): void {
	const range = rangeOr(() => IDBKeyRange.lowerBound([time]));
	// A time that is no key is in no piece (the byTime index leaves the row out).
	if (range) track(store.delete(range));
}

/** Drops every piece (a repair: rare, and the pieces are only ever a shortcut). */
export function dropAllChunks(store: ChunkStore, track: (request: Promise<unknown>) => void): void {
	track(store.clear());
}

/**
 * The pieces an import's new reviews fall in, collected as it writes and dropped in its
 * transaction: exactly those, so importing older reviews leaves the other pieces sealed.
 */
export class ChunkRanges {
	private readonly touched = new Set<number>();

	/** `keys`: the pieces' keys ([last, after]) in key order. */
	constructor(private readonly keys: readonly [IDBValidKey, IDBValidKey][]) {}

	/** A review at `time` is written. */
	touch(time: unknown): void {
		if (this.keys.length === 0 || !isKey(time)) return;
		const at = time as IDBValidKey;
		// The first piece whose last is at or after the time; it holds the time if it starts before.
		let low = 0;
		let high = this.keys.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (compareKeys(this.keys[mid]![0], at) < 0) low = mid + 1;
			else high = mid;
		}
		const key = this.keys[low];
		if (key && compareKeys(key[1], at) < 0) this.touched.add(low);
	}

	/** Drops the pieces touched. */
	drop(store: ChunkStore, track: (request: Promise<unknown>) => void): void {
		for (const i of this.touched) track(store.delete(this.keys[i]!));
	}
}

/** What the export writes for the log, in order: a sealed piece, or reviews to encode. */
export type LogPart =
	{ chunk: LogChunk; rows?: undefined } | { rows: unknown[]; chunk?: undefined };

/** What the export gives to seal reviews: their lines compressed as an open-ended piece. */
export type Seal = (rows: unknown[]) => Promise<DeflatePiece>;

const timeOf = (row: unknown) => (row as { reviewedAt: IDBValidKey }).reviewedAt;
const idOf = (row: unknown) => (row as { id: IDBValidKey }).id;

/**
 * The review log as the export writes it: in time order (the byTime index; ties by id), the
 * sealed pieces as they are and the reviews between and after them read and sealed now, the
 * reviews no piece can hold yet (fewer than `size` after the last) as rows, and last the
 * rows the index leaves out (a time that is no key: only a damaged row), in id order.
 */
export async function* logParts(
	db: MeridianDB,
	seal: Seal,
	size = CHUNK_REVIEWS
): AsyncGenerator<LogPart> {
	const { chunks, counts, total, indexed } = await inTransaction(
		db,
		['reviewLogs', 'logChunks'],
		'readonly',
		async (tx) => {
			const logs = tx.objectStore('reviewLogs');
			const index = logs.index('byTime');
			const chunks = await tx.objectStore('logChunks').getAll();
			const [counts, total, indexed] = await Promise.all([
				Promise.all(chunks.map((c) => index.count(IDBKeyRange.bound(c.after, c.last, true)))),
				logs.count(),
				index.count()
			]);
			return { chunks, counts, total, indexed };
		}
	);
	const stale: LogChunk[] = [];
	let after: IDBValidKey = START;
	for (const [i, chunk] of chunks.entries()) {
		// A piece whose range holds other reviews now, or one that overlaps the one before.
		if (counts[i] !== chunk.count || compareKeys(chunk.after, after) < 0) {
			stale.push(chunk);
			continue;
		}
		if (compareKeys(chunk.after, after) > 0) {
			for await (const part of sealRange(db, seal, size, after, chunk.after)) yield part;
		}
		yield { chunk };
		after = chunk.last;
	}
	if (stale.length > 0) {
		await inTransaction(db, ['logChunks'], 'readwrite', async (tx, track) => {
			for (const chunk of stale) track(tx.store.delete([chunk.last, chunk.after]));
		});
	}
	for await (const part of sealRange(db, seal, size, after, null)) yield part;
	if (total !== indexed) yield* unindexedRows(db);
}

/** How far a sealing of the log has come: `done` of `total` reviews are in sealed pieces. */
export interface SealProgress {
	done: number;
	total: number;
}

/**
 * Seals every range of the log a piece can hold now, as an export would, and writes nothing
 * else: run after an import, so that the next export only reads (issue 18). It goes as
 * {@link logParts} goes (stale pieces dropped, each piece put only if its range still holds the
 * reviews it was made from, in one transaction with the log's writers) and stops at the first
 * reviews it would hand over as rows: the tail no piece can hold yet (fewer than `size` after the
 * last piece) and the damaged rows, which no piece ever holds. Aborting through `signal` stops it
 * between pieces (an AbortError); whenever it stops, the pieces put are whole and exact and the
 * rest of the log is merely unsealed, for the next export to seal.
 */
export async function sealLog(
	db: MeridianDB,
	seal: Seal,
	options: {
		size?: number;
		signal?: AbortSignal;
		onProgress?: (progress: SealProgress) => void;
	} = {}
): Promise<SealProgress> {
	const aborted = () => {
		if (options.signal?.aborted) throw new DOMException('The sealing was cancelled.', 'AbortError');
	};
	aborted();
	const total = await db.count('reviewLogs');
	const progress: SealProgress = { done: 0, total };
	options.onProgress?.({ ...progress });
	for await (const part of logParts(db, seal, options.size)) {
		if (!part.chunk) break;
		progress.done = Math.min(total, progress.done + part.chunk.count);
		options.onProgress?.({ ...progress });
		aborted();
	}
	return progress;
}

/**
 * The reviews after `from` up to `upTo` (inclusive; null: to the end) as pieces of `size`
 * sealed now; to the end, the last fewer than `size` are rows.
 */
async function* sealRange(
	db: MeridianDB,
	seal: Seal,
	size: number,
	from: IDBValidKey,
	upTo: IDBValidKey | null
): AsyncGenerator<LogPart> {
	let after = from;
	for (;;) {
		const range =
			upTo === null
				? IDBKeyRange.lowerBound(after, true)
				: IDBKeyRange.bound(after, upTo, true, false);
		// One more than a piece: it tells whether the piece's last time goes on past it.
		const rows: unknown[] = await db.getAllFromIndex('reviewLogs', 'byTime', range, size + 1);
		if (rows.length === 0) return;
		if (rows.length <= size) {
			if (upTo === null) {
				yield { rows };
				return;
			}
			// A range between two pieces: sealed whole, however few.
			yield { chunk: await sealed(db, seal, after, upTo, rows) };
			return;
		}
		// The reviews of one time are never split between pieces: a piece ends before a time
		// that goes on past it (all of that time's reviews when they alone fill it).
		let end = size;
		while (end > 0 && compareKeys(timeOf(rows[end - 1]), timeOf(rows[end])) === 0) end--;
		const cut = timeOf(rows[size]);
		const last = end > 0 ? timeOf(rows[end - 1]) : cut;
		const taken =
			end > 0
				? rows.slice(0, end)
				: await db.getAllFromIndex('reviewLogs', 'byTime', IDBKeyRange.only(cut));
		yield { chunk: await sealed(db, seal, after, last, taken) };
		after = last;
	}
}

/**
 * Seals `rows` (the reviews after `after` up to `last`, read just before) and puts the piece,
 * unless the log changed in that range meanwhile: the check and the put are one transaction
 * with the log's writers, so no write can fall between them. The piece is returned either way
 * (it is what the range held when it was read, as every page of an export is).
 */
async function sealed(
	db: MeridianDB,
	seal: Seal,
	after: IDBValidKey,
	last: IDBValidKey,
	rows: unknown[]
): Promise<LogChunk> {
	const chunk: LogChunk = { last, after, count: rows.length, ...(await seal(rows)) };
	await inTransaction(db, ['reviewLogs', 'logChunks'], 'readwrite', async (tx, track) => {
		const ids = await tx
			.objectStore('reviewLogs')
			.index('byTime')
			.getAllKeys(IDBKeyRange.bound(after, last, true));
		const same =
			ids.length === rows.length && ids.every((id, i) => compareKeys(id, idOf(rows[i])) === 0);
		if (same) track(tx.objectStore('logChunks').put(chunk));
	});
	return chunk;
}

/** The rows the byTime index leaves out (their time is no key), in id order, page by page. */
async function* unindexedRows(db: MeridianDB): AsyncGenerator<LogPart> {
	let after: IDBValidKey | null = null;
	for (;;) {
		const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
		const rows: unknown[] = await db.getAll('reviewLogs', range, CHUNK_REVIEWS);
		if (rows.length === 0) return;
		const left = rows.filter((row) => !isKey(timeOf(row)));
		if (left.length > 0) yield { rows: left };
		after = idOf(rows.at(-1));
	}
}
