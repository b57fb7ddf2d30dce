import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import {
	exportBackupFile,
	importBackupFile,
	isCancelled,
	type BackupProgress,
	type ExportReply,
	type ExportRequest
} from './backup';
import { openMeridianDB, type MeridianDB } from './db';
import { recordReview } from './reviews';

// The export's Worker (backup.worker.ts) run in this process: a stand-in for the browser's Worker
// hands the request to the module's `onmessage` and its replies back, as the browser would.

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

async function device(reviews: number) {
	globalThis.indexedDB = new IDBFactory();
	const db = await openMeridianDB();
	for (let i = 0; i < reviews; i++) {
		await recordReview(db, DEFAULT_SETTINGS, {
			logId: `log-${String(i).padStart(5, '0')}`,
			cardId: `card-${i % 7}`,
			rating: Rating.Good,
			now: NOW + i * 60_000,
			source: 'study'
		});
	}
	return db;
}

const dump = async (db: MeridianDB) => ({
	states: await db.getAll('cardStates'),
	logs: await db.getAll('reviewLogs'),
	summaries: await db.getAll('daySummaries')
});

interface WorkerScope {
	onmessage: ((event: { data: ExportRequest }) => void) | null;
	postMessage(reply: ExportReply): void;
}
/** The Worker's global scope, made once: the module keeps the one it found when it loaded. */
const scope: WorkerScope = { onmessage: null, postMessage: () => undefined };
let handler: WorkerScope['onmessage'] = null;

beforeAll(async () => {
	(globalThis as unknown as { self: WorkerScope }).self = scope;
	await import('./backup.worker');
	handler = scope.onmessage;
});

/** Installs a Worker that runs backup.worker.ts here; `started` lists each one made. */
function fakeWorkers(options: { fails?: boolean } = {}) {
	const started: FakeWorker[] = [];
	class FakeWorker {
		onmessage: ((event: { data: ExportReply }) => void) | null = null;
		onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
		terminated = false;
		readonly replies: ExportReply['kind'][] = [];
		constructor(readonly url: URL) {
			if (options.fails) throw new Error('Workers are not allowed here');
			started.push(this);
		}
		postMessage(data: ExportRequest) {
			scope.postMessage = (reply) => {
				if (this.terminated) return;
				this.replies.push(reply.kind);
				this.onmessage?.({ data: reply });
			};
			scope.onmessage!({ data });
		}
		terminate() {
			this.terminated = true;
		}
	}
	scope.onmessage = handler;
	(globalThis as { Worker?: unknown }).Worker = FakeWorker;
	return started;
}

afterEach(() => {
	delete (globalThis as { Worker?: unknown }).Worker;
});

describe('the export in a Worker', () => {
	it('makes the same file as the export in this thread, and it imports whole', async () => {
		const db = await device(450);
		// The export here seals the log in pieces of 100; the Worker's writes those pieces as stored.
		const here = await exportBackupFile(db, NOW, { pageSize: 100, chunkSize: 100 });
		expect(await db.count('logChunks')).toBe(4);
		const started = fakeWorkers();
		const progress: BackupProgress[] = [];
		const there = await exportBackupFile(db, NOW, {
			pageSize: 100,
			chunkSize: 100,
			progressEvery: 0,
			onProgress: (p) => progress.push(p)
		});
		expect(started).toHaveLength(1);
		expect(started[0]!.url.pathname).toMatch(/backup\.worker\.ts$/);
		expect(started[0]!.replies[0]).toBe('open');
		expect(started[0]!.replies.at(-1)).toBe('done');
		expect(started[0]!.terminated).toBe(true);
		expect(there.counts).toEqual(here.counts);
		expect(there.fileName).toBe(here.fileName);
		expect(new Uint8Array(await there.file.arrayBuffer())).toEqual(
			new Uint8Array(await here.file.arrayBuffer())
		);
		// Every piece of 100 reported, then the whole (450 reviews, 7 states).
		expect(progress.length).toBeGreaterThan(5);
		expect(progress.at(-1)).toEqual({ done: 457, total: 457 });

		const before = await dump(db);
		const fresh = await device(0);
		expect(await importBackupFile(fresh, there.file)).toMatchObject({ reviewsAdded: 450 });
		expect(await dump(fresh)).toEqual(before);
	});

	it('reports progress at most every progressEvery ms, and always at the end', async () => {
		const db = await device(300);
		fakeWorkers();
		const progress: BackupProgress[] = [];
		await exportBackupFile(db, NOW, {
			pageSize: 50,
			progressEvery: 60_000,
			onProgress: (p) => progress.push(p)
		});
		expect(progress).toEqual([
			{ done: 0, total: 307 },
			{ done: 307, total: 307 }
		]);
	});

	it('cancelled, it ends the Worker and makes no file', async () => {
		const db = await device(600);
		const started = fakeWorkers();
		const stop = new AbortController();
		const exporting = exportBackupFile(db, NOW, {
			pageSize: 50,
			progressEvery: 0,
			signal: stop.signal,
			onProgress: ({ done }) => done >= 100 && stop.abort()
		});
		await expect(exporting).rejects.toSatisfy(isCancelled);
		expect(started[0]!.terminated).toBe(true);
		expect(started[0]!.replies).not.toContain('done');
	});

	it('where no Worker can start, exports in this thread', async () => {
		const db = await device(20);
		const started = fakeWorkers({ fails: true });
		const { counts } = await exportBackupFile(db, NOW);
		expect(started).toHaveLength(0);
		expect(counts.reviewLogs).toBe(20);
	});

	it('a Worker that cannot open the database hands the export back to this thread', async () => {
		const db = await device(20);
		const started = fakeWorkers();
		const real = globalThis.indexedDB;
		// The Worker's own connection is refused (as a browser that keeps storage from Workers).
		const refusing = Object.create(real) as IDBFactory;
		refusing.open = () => {
			throw new DOMException('not here', 'SecurityError');
		};
		const openInWorker = scope.onmessage!;
		scope.onmessage = (event) => {
			globalThis.indexedDB = refusing;
			openInWorker(event);
			globalThis.indexedDB = real;
		};
		const { counts } = await exportBackupFile(db, NOW);
		expect(started[0]!.replies).toEqual(['error']);
		expect(counts.reviewLogs).toBe(20);
	});

	it('seals the log after an import in a Worker, so the export after it only reads', async () => {
		const source = await device(450);
		const { file } = await exportBackupFile(source, NOW, { inThread: true });
		const db = await device(0);
		const started = fakeWorkers();
		const summary = await importBackupFile(db, file, { chunkSize: 100 });
		expect(summary.reviewsAdded).toBe(450);
		// One Worker, for the sealing (the import itself runs on the page, in one transaction).
		expect(started).toHaveLength(1);
		expect(started[0]!.replies[0]).toBe('open');
		expect(started[0]!.replies.at(-1)).toBe('sealed');
		expect(started[0]!.terminated).toBe(true);
		const sealed = await db.getAll('logChunks');
		expect(sealed.map((c) => c.count)).toEqual([100, 100, 100, 100]);
		await exportBackupFile(db, NOW, { chunkSize: 100 });
		expect(await db.getAll('logChunks')).toEqual(sealed);
	});

	it('a sealing cancelled or failed in its Worker leaves the import whole', async () => {
		const source = await device(450);
		const { file } = await exportBackupFile(source, NOW, { inThread: true });
		const before = await dump(source);
		const db = await device(0);
		const started = fakeWorkers();
		const stop = new AbortController();
		const summary = await importBackupFile(db, file, {
			chunkSize: 100,
			signal: stop.signal,
			onProgress: ({ done }) => done > file.size && stop.abort()
		});
		expect(summary.reviewsAdded).toBe(450);
		expect(started[0]!.terminated).toBe(true);
		expect(started[0]!.replies).not.toContain('sealed');
		expect(await dump(db)).toEqual(before);

		// A Worker that dies once it has the database: the import resolves all the same.
		const again = await device(0);
		const dying = fakeWorkers();
		const real = scope.onmessage!;
		scope.onmessage = (event) => {
			const post = scope.postMessage;
			let crashed = false;
			scope.postMessage = (reply) => {
				post(reply);
				if (reply.kind !== 'progress' || crashed) return;
				crashed = true;
				dying[0]!.onerror?.({ message: 'the Worker crashed', preventDefault: () => undefined });
			};
			real(event);
		};
		expect(await importBackupFile(again, file, { chunkSize: 100 })).toEqual(summary);
		expect(dying).toHaveLength(1);
		expect(dying[0]!.replies.slice(0, 2)).toEqual(['open', 'progress']);
		expect(dying[0]!.replies).not.toContain('sealed');
		expect(dying[0]!.terminated).toBe(true);
		expect(await dump(again)).toEqual(before);
	});
});
