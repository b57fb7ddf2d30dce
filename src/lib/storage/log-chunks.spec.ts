import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/random';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { exportBackup, exportBackupFile, importBackupFile, sealBackupLog } from './backup';
import { encodeRecord } from './backup-format';
import { gzipPiece, joinGzip, openEnded } from './gzip-join';
import { openMeridianDB, type MeridianDB } from './db';
import { sealLog, type Seal } from './log-chunks';
import { recordReviews, undoReview, type PendingReview } from './reviews';
import { repairStorage } from './repair';
import { saveSettings } from './settings';

// The export with the log's sealed pieces must write exactly what a full re-encode of the log
// writes, whatever happened to the log since the pieces were sealed.

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const STORES = ['settings', 'cardStates', 'cardMarks', 'quizAttempts', 'reviewLogs', 'classes'];

const gunzip = async (file: Blob) =>
	new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();

/**
 * What the export must write, built without the pieces: every store read whole, the log in the
 * byTime index's order (ties by id), then the rows the index leaves out in id order.
 */
async function fullReencode(db: MeridianDB, header: string): Promise<string> {
	const backup = await exportBackup(db, NOW);
	const byTime = await db.getAllFromIndex('reviewLogs', 'byTime');
	const inIndex = new Set(byTime.map((row) => row.id));
	const left = (await db.getAll('reviewLogs')).filter((row) => !inIndex.has(row.id));
	const records: Record<string, unknown[]> = {
		settings: backup.settings ? [{ key: 'study', value: backup.settings }] : [],
		cardStates: backup.cardStates,
		cardMarks: backup.cardMarks,
		quizAttempts: backup.quizAttempts,
		reviewLogs: [...byTime, ...left],
		classes: backup.classes
	};
	const lines = [header];
	const end: Record<string, number> = {};
	STORES.forEach((store, index) => {
		for (const record of records[store]!) lines.push(encodeRecord(store, index, record));
		end[store] = records[store]!.length;
	});
	lines.push(JSON.stringify({ end }));
	return lines.join('\n') + '\n';
}

/** Exports (sealing in pieces of `chunkSize`) and checks the file against a full re-encode. */
async function expectExact(db: MeridianDB, chunkSize: number) {
	const { file, counts } = await exportBackupFile(db, NOW, { chunkSize, pageSize: 13 });
	const text = await gunzip(file);
	expect(text).toBe(await fullReencode(db, text.slice(0, text.indexOf('\n'))));
	expect(counts.reviewLogs).toBe(await db.count('reviewLogs'));
	return file;
}

const emptyEnd = async () =>
	gzipPiece(
		new Uint8Array(
			await new Response(
				new Blob(['']).stream().pipeThrough(new CompressionStream('gzip'))
			).arrayBuffer()
		)
	);

/**
 * Every stored piece holds exactly the lines of the reviews in its range now: what each write's
 * dropping of pieces must keep true on its own (the export's count check aside).
 */
async function expectPiecesExact(db: MeridianDB) {
	const index = STORES.indexOf('reviewLogs');
	for (const chunk of await db.getAll('logChunks')) {
		const rows = await db.getAllFromIndex(
			'reviewLogs',
			'byTime',
			IDBKeyRange.bound(chunk.after, chunk.last, true)
		);
		const text = await gunzip(new Blob(joinGzip([chunk], await emptyEnd()) as BlobPart[]));
		expect(text).toBe(rows.map((row) => encodeRecord('reviewLogs', index, row) + '\n').join(''));
		expect(chunk.count).toBe(rows.length);
	}
}

let ids = 0;
const review = (cardId: string, now: number): PendingReview => ({
	logId: `r-${String(++ids).padStart(6, '0')}-${Math.floor(now) % 997}`,
	cardId,
	rating: Rating.Good,
	now,
	source: 'study'
});

async function freshDevice() {
	globalThis.indexedDB = new IDBFactory();
	return openMeridianDB();
}

describe("the export's sealed pieces of the log", () => {
	it('equal a full re-encode through random reviews, undos, imports and repairs', async () => {
		const random = seededRandom(18);
		const other = await freshDevice();
		// Another device's reviews, spread over the same weeks: importing them lands in sealed ranges.
		let otherTime = NOW;
		for (let i = 0; i < 60; i++) {
			otherTime += random() * 3_600_000;
			await recordReviews(other, DEFAULT_SETTINGS, [review(`other-${i % 9}`, otherTime)]);
		}
		const otherFile = (await exportBackupFile(other, NOW, { chunkSize: 1000 })).file;

		const db = await freshDevice();
		await saveSettings(db, { ...DEFAULT_SETTINGS, newPerDay: 7 });
		let time = NOW;
		const studied: string[] = [];
		let exports = 0;
		let imports = 0;
		for (let step = 0; step < 120; step++) {
			const roll = random();
			if (roll < 0.55) {
				// Reviews, now and then several at one time (a quiz), now and then with the clock back.
				// (The scheduler refuses a card's review before its last one: the clock goes back on new cards.)
				const back = roll < 0.05;
				const at = back ? time - random() * 20 * 3_600_000 : (time += random() * 1_800_000);
				const many = roll < 0.1 ? 4 : 1;
				const recorded = await recordReviews(
					db,
					DEFAULT_SETTINGS,
					Array.from({ length: many }, (_, i) =>
						review(back ? `card-back-${step}-${i}` : `card-${(step + i) % 11}`, at)
					)
				);
				studied.push(...recorded.map((r) => r.log.id));
			} else if (roll < 0.68 && studied.length > 0) {
				// An undo, of the latest review or of one long superseded (refused then).
				const at = random() < 0.7 ? studied.length - 1 : Math.floor(random() * studied.length);
				const result = await undoReview(db, studied[at]!);
				if (result.undone) studied.splice(at, 1);
			} else if (roll < 0.74) {
				// The import seals the log after its commit: the export after it seals nothing.
				const size = 1 + Math.floor(random() * 9);
				await importBackupFile(db, otherFile, { chunkSize: size });
				await expectPiecesExact(db);
				const sealed = await db.getAll('logChunks');
				await expectExact(db, size);
				expect(await db.getAll('logChunks')).toEqual(sealed);
				imports++;
			} else if (roll < 0.78) {
				// A damaged row written behind the app's back (no time that is a key), then repaired.
				await db.put('reviewLogs', { id: `bad-${step}`, cardId: 'card-1' } as never);
				await expectExact(db, 5);
				await repairStorage(db);
			} else {
				await expectExact(db, 1 + Math.floor(random() * 9));
				exports++;
			}
			await expectPiecesExact(db);
		}
		expect(exports).toBeGreaterThan(10);
		expect(imports).toBeGreaterThan(3);
		expect(await db.count('logChunks')).toBeGreaterThan(0);
		const file = await expectExact(db, 6);
		// The file brings back every review, in any order the merge takes.
		const fresh = await freshDevice();
		const before = await exportBackup(db, NOW);
		await importBackupFile(fresh, file);
		expect(await exportBackup(fresh, NOW)).toEqual(before);
	}, 120_000);

	it('are written once and then read as stored; a write behind the app is caught by the count', async () => {
		const db = await freshDevice();
		for (let i = 0; i < 40; i++)
			await recordReviews(db, DEFAULT_SETTINGS, [review('card-1', NOW + i * 60_000)]);
		await expectExact(db, 10);
		const sealed = await db.getAll('logChunks');
		// 40 reviews: three pieces of 10, and the last 10 are the tail (a piece is sealed when more
		// reviews follow it).
		expect(sealed.map((c) => c.count)).toEqual([10, 10, 10]);
		await expectExact(db, 10);
		expect(await db.getAll('logChunks')).toEqual(sealed);
		// A review put straight into a sealed range (not through the app): the piece no longer
		// counts what its range holds, so the export reads that range again (sealed as 10 and 1).
		const inside = { ...(await db.getAll('reviewLogs'))[3]!, id: 'planted', reviewedAt: NOW + 1 };
		await db.put('reviewLogs', inside);
		await expectExact(db, 10);
		expect((await db.getAll('logChunks')).map((c) => c.count)).toEqual([10, 1, 10, 10]);
	});

	it('are dropped by the writes that change their range, and only those', async () => {
		const db = await freshDevice();
		for (let i = 0; i < 30; i++)
			await recordReviews(db, DEFAULT_SETTINGS, [review(`card-${i}`, NOW + i * 60_000)]);
		await expectExact(db, 5);
		expect(await db.count('logChunks')).toBe(5);
		// A new review (later than all): nothing dropped.
		await recordReviews(db, DEFAULT_SETTINGS, [review('card-99', NOW + 31 * 60_000)]);
		expect(await db.count('logChunks')).toBe(5);
		// An import of one review in the second piece's range drops that piece alone.
		const other = await freshDevice();
		await recordReviews(other, DEFAULT_SETTINGS, [review('card-50', NOW + 7.5 * 60_000)]);
		const file = (await exportBackupFile(other, NOW)).file;
		globalThis.indexedDB = new IDBFactory();
		const again = await openMeridianDB();
		for (let i = 0; i < 30; i++)
			await recordReviews(again, DEFAULT_SETTINGS, [review(`card-${i}`, NOW + i * 60_000)]);
		await expectExact(again, 5);
		const keys = await again.getAllKeys('logChunks');
		const sealedBefore = await again.getAll('logChunks');
		// (The sealing after the import cancelled before it starts, to see what the import dropped.)
		const stop = new AbortController();
		await importBackupFile(again, file, { signal: stop.signal, onImported: () => stop.abort() });
		expect(await again.getAllKeys('logChunks')).toEqual(keys.filter((_, i) => i !== 1));
		// The sealing seals that range again, the new review in it (six reviews: pieces of 5 and 1,
		// as an export seals them), and leaves the others as they were.
		await sealBackupLog(again, { chunkSize: 5 });
		const resealed = await again.getAll('logChunks');
		expect(resealed.map((c) => c.count)).toEqual([5, 5, 1, 5, 5, 5]);
		expect([resealed[1]!.after, resealed[2]!.last]).toEqual([keys[1]![1], keys[1]![0]]);
		expect([resealed[0], ...resealed.slice(3)]).toEqual(sealedBefore.filter((_, i) => i !== 1));
		await expectPiecesExact(again);
		// Undoing a sealed review (its card's latest) drops the pieces from its time on.
		await expectExact(again, 5);
		const before = await again.getAllKeys('logChunks');
		const sealedOne = (await again.getAllFromIndex('reviewLogs', 'byTime'))[13]!;
		expect((await undoReview(again, sealedOne.id)).undone?.id).toBe(sealedOne.id);
		const left = await again.getAllKeys('logChunks');
		expect(left).toEqual(before.filter(([last]) => (last as number) < sealedOne.reviewedAt));
		expect(left.length).toBeGreaterThan(0);
		expect(left.length).toBeLessThan(before.length);
		await expectExact(again, 5);
	});
});

describe('the sealing of the log after an import', () => {
	/** Another device's file of `n` reviews, a minute apart, and an empty device to import it. */
	async function importable(n: number) {
		const other = await freshDevice();
		for (let i = 0; i < n; i++)
			await recordReviews(other, DEFAULT_SETTINGS, [review(`card-${i % 13}`, NOW + i * 60_000)]);
		const { file } = await exportBackupFile(other, NOW);
		return { file, db: await freshDevice() };
	}

	it('leaves the log sealed: the export after it seals nothing and writes it exactly', async () => {
		const { file, db } = await importable(62);
		const phases: string[] = [];
		const summary = await importBackupFile(db, file, {
			chunkSize: 5,
			onImported: () => phases.push('imported'),
			onProgress: ({ done }) => done > file.size && phases.at(-1) !== 'seal' && phases.push('seal')
		});
		expect(summary.reviewsAdded).toBe(62);
		// Told once the import committed, then the sealing's progress.
		expect(phases).toEqual(['imported', 'seal']);
		// 62 reviews: twelve pieces of 5, and the last 2 are the tail (a piece needs more after it).
		const sealed = await db.getAll('logChunks');
		expect(sealed.map((c) => c.count)).toEqual(Array(12).fill(5));
		await expectPiecesExact(db);
		await expectExact(db, 5);
		expect(await db.getAll('logChunks')).toEqual(sealed);
	});

	it('cancelled halfway, keeps the import and leaves the rest of the log unsealed, never wrong', async () => {
		const { file, db } = await importable(62);
		const stop = new AbortController();
		let sealing = 0;
		const summary = await importBackupFile(db, file, {
			chunkSize: 5,
			signal: stop.signal,
			onProgress: ({ done }) => done > file.size && ++sealing === 4 && stop.abort()
		});
		// The import had committed: it stays, and resolves as imported.
		expect(summary.reviewsAdded).toBe(62);
		expect(await db.count('reviewLogs')).toBe(62);
		const count = await db.count('logChunks');
		expect(count).toBeGreaterThan(0);
		expect(count).toBeLessThan(12);
		await expectPiecesExact(db);
		// The export seals the rest, and its file is exact.
		await expectExact(db, 5);
		expect(await db.count('logChunks')).toBe(12);
		await expectPiecesExact(db);
	});

	it('failing halfway, stops with the pieces put whole and the rest left for the export', async () => {
		const { file, db } = await importable(40);
		const stop = new AbortController();
		await importBackupFile(db, file, { signal: stop.signal, onImported: () => stop.abort() });
		expect(await db.count('logChunks')).toBe(0);
		// A sealing whose compression fails at the fourth piece (the lines sealed as the export does).
		let calls = 0;
		const failing: Seal = async (rows) => {
			if (++calls === 4) throw new Error('compression failed');
			const index = STORES.indexOf('reviewLogs');
			const text = rows.map((row) => encodeRecord('reviewLogs', index, row) + '\n').join('');
			const member = await new Response(
				new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
			).arrayBuffer();
			return openEnded(gzipPiece(new Uint8Array(member)));
		};
		await expect(sealLog(db, failing, { size: 5 })).rejects.toThrow('compression failed');
		expect(await db.count('logChunks')).toBe(3);
		await expectPiecesExact(db);
		// 40 reviews: the export seals the other four pieces of 5 (the last 5 are the tail).
		await expectExact(db, 5);
		expect(await db.count('logChunks')).toBe(7);
		await expectPiecesExact(db);
	});
});
