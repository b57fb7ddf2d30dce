import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import {
	BackupError,
	exportBackup,
	exportBackupFile,
	importBackupFile,
	importBackupStream,
	isCancelled,
	type BackupProgress
} from './backup';
import { CARD_STATE_FIELDS, COLUMNS, REVIEW_LOG_FIELDS } from './backup-format';
import { changeMark, loadMarks } from './card-marks';
import { listInstructorClasses, saveInstructorClass } from './classes';
import { DB_VERSION, openMeridianDB, type MeridianDB } from './db';
import { recordReview } from './reviews';
import { saveSettings } from './settings';
import { recomputeSummaries } from './summaries';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

async function device(reviews: number, prefix = 'log') {
	const db = await openMeridianDB();
	for (let i = 0; i < reviews; i++) {
		await recordReview(db, DEFAULT_SETTINGS, {
			logId: `${prefix}-${String(i).padStart(5, '0')}`,
			cardId: `card-${i % 7}`,
			rating: ([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const)[i % 4]!,
			now: NOW + i * 60_000,
			source: 'study'
		});
	}
	await saveSettings(db, { ...DEFAULT_SETTINGS, newPerDay: 9 });
	await changeMark(db, 'card-1', { kind: 'flag', flag: 'green' }, NOW);
	return db;
}

/** A second browser: a fresh IndexedDB. */
async function freshDevice() {
	globalThis.indexedDB = new IDBFactory();
	return openMeridianDB();
}

async function dump(db: MeridianDB) {
	return {
		states: await db.getAll('cardStates'),
		logs: await db.getAll('reviewLogs'),
		attempts: await db.getAll('quizAttempts'),
		settings: await db.getAll('settings'),
		marks: await db.getAll('cardMarks'),
		summaries: await db.getAll('daySummaries')
	};
}

/** The device's backup as the first streamed files wrote it ("lines"), uncompressed. */
async function linesFile(db: MeridianDB): Promise<string> {
	const document = await exportBackup(db, NOW);
	const lines = [
		JSON.stringify({ app: 'meridian', format: 'lines', schemaVersion: 3, exportedAt: 'x' })
	];
	const end: Record<string, number> = {};
	const stores = ['settings', 'cardStates', 'cardMarks', 'quizAttempts', 'reviewLogs', 'classes'];
	for (const store of stores) {
		const value = (document as unknown as Record<string, unknown>)[store];
		const records =
			store === 'settings' ? (value ? [{ key: 'study', value }] : []) : (value as unknown[]);
		for (const record of records) lines.push(JSON.stringify([store, record]));
		end[store] = records.length;
	}
	lines.push(JSON.stringify({ end }));
	return lines.join('\n') + '\n';
}

const gunzip = async (file: Blob) =>
	new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
const gzip = (text: string) =>
	new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).blob();

/** The stream of a file's bytes in pieces of `size`, as a browser reads a large file. */
function pieces(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
	let at = 0;
	return new ReadableStream({
		pull(controller) {
			if (at >= bytes.length) return controller.close();
			controller.enqueue(bytes.slice(at, at + size));
			at += size;
		}
	});
}

describe('streamed backup files', () => {
	it('writes gzip lines: a header with the columns, one array per record, the counts last', async () => {
		const db = await device(3);
		const progress: BackupProgress[] = [];
		const { file, counts, fileName } = await exportBackupFile(db, NOW, {
			onProgress: (p) => progress.push(p)
		});
		expect(fileName).toBe('meridian-backup-2026-01-05.jsonl.gz');
		const bytes = new Uint8Array(await file.arrayBuffer());
		expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
		const lines = (await gunzip(file)).trimEnd().split('\n');
		const stores = ['settings', 'cardStates', 'cardMarks', 'quizAttempts', 'reviewLogs', 'classes'];
		expect(JSON.parse(lines[0]!)).toEqual({
			app: 'meridian',
			format: 'columns',
			schemaVersion: DB_VERSION,
			exportedAt: new Date(NOW).toISOString(),
			stores,
			fields: { cardStates: CARD_STATE_FIELDS, reviewLogs: REVIEW_LOG_FIELDS }
		});
		const records = lines.slice(1, -1).map((line) => JSON.parse(line));
		expect(records.map((line) => stores[line[0]])).toEqual([
			'settings',
			...Array(3).fill('cardStates'),
			'cardMarks',
			...Array(3).fill('reviewLogs')
		]);
		// A review is its values in the header's order, the state before it an array too.
		const [review] = await db.getAll('reviewLogs');
		const line = records[5];
		expect(line).toHaveLength(1 + REVIEW_LOG_FIELDS.length);
		expect(line[1 + REVIEW_LOG_FIELDS.indexOf('id')]).toBe(review!.id);
		expect(line[1 + REVIEW_LOG_FIELDS.indexOf('stability')]).toBe(review!.stability);
		expect(line[1 + REVIEW_LOG_FIELDS.indexOf('previous')]).toBeNull();
		expect(records[1]).toHaveLength(1 + CARD_STATE_FIELDS.length);
		expect(records[4]).toEqual([2, (await db.getAll('cardMarks'))[0]]);
		expect(counts).toEqual({
			settings: 1,
			cardStates: 3,
			cardMarks: 1,
			quizAttempts: 0,
			reviewLogs: 3,
			classes: 0
		});
		expect(JSON.parse(lines.at(-1)!)).toEqual({ end: counts });
		expect(progress.at(-1)).toEqual({ done: 8, total: 8 });
	});

	it('round-trips across pages and pieces: the same rows, summaries kept exact', async () => {
		const db = await device(1100);
		const before = await dump(db);
		const { file } = await exportBackupFile(db, NOW, { pageSize: 300 });
		const bytes = new Uint8Array(await file.arrayBuffer());
		const fresh = await freshDevice();
		const progress: BackupProgress[] = [];
		const summary = await importBackupStream(fresh, pieces(bytes, 4096), {
			total: bytes.length,
			chunkSize: 100,
			onProgress: (p) => progress.push(p)
		});
		expect(summary).toEqual({
			reviewsAdded: 1100,
			statesUpdated: 7,
			attemptsAdded: 0,
			marksUpdated: 1
		});
		expect(await dump(fresh)).toEqual(before);
		expect([...(await recomputeSummaries(fresh)).values()]).toEqual(before.summaries);
		// The file's bytes, then the sealing of the log after the commit as a quarter as many again,
		// never going back.
		const total = bytes.length * 1.25;
		expect(progress.every((p) => p.total === total)).toBe(true);
		const done = progress.map((p) => p.done);
		expect(done).toEqual([...done].sort((a, b) => a - b));
		expect(done).toContain(bytes.length);
		expect(done.filter((d) => d > bytes.length && d < total).length).toBeGreaterThan(5);
		expect(done.at(-1)).toBe(total);
		expect(progress.length).toBeGreaterThan(2);
		// The log is sealed (pieces of 100; the tail of fewer is left to the export).
		expect(await fresh.count('logChunks')).toBe(10);
		// Importing the same file again adds nothing.
		expect(await importBackupFile(fresh, file)).toMatchObject({
			reviewsAdded: 0,
			statesUpdated: 0,
			marksUpdated: 0
		});
	}, 60_000);

	it('reads the older single JSON document, plain, gzip or on several lines', async () => {
		const db = await device(4);
		const document = await exportBackup(db, NOW);
		for (const file of [
			new Blob([JSON.stringify(document)]),
			await gzip(JSON.stringify(document)),
			new Blob([JSON.stringify(document, null, 2)])
		]) {
			const fresh = await freshDevice();
			expect(await importBackupFile(fresh, file)).toMatchObject({ reviewsAdded: 4 });
			expect(await exportBackup(fresh, NOW)).toEqual(document);
		}
	});

	it('reads the first streamed files ("lines": store and field names on every line)', async () => {
		const db = await device(40);
		const before = await dump(db);
		const text = await linesFile(db);
		const fresh = await freshDevice();
		const file = await gzip(text);
		expect(await importBackupFile(fresh, file)).toMatchObject({ reviewsAdded: 40 });
		expect(await dump(fresh)).toEqual(before);
		// A bad record in such a file is named as before.
		const lines = text.split('\n');
		// The 11th review: its card's state before it is a studied card's.
		const at = lines.findIndex((line) => line.startsWith('["reviewLogs"')) + 10;
		const record = JSON.parse(lines[at]!);
		record[1].previous.difficulty = 11;
		lines[at] = JSON.stringify(record);
		await expect(
			importBackupFile(await freshDevice(), await gzip(lines.join('\n')))
		).rejects.toThrow(
			`reviewLogs record 11 (line ${at + 1}), field previous.difficulty: Invalid value`
		);
	});

	it("names a bad value inside a review's earlier state, and refuses columns it does not know", async () => {
		const db = await device(30);
		const lines = (await gunzip((await exportBackupFile(db, NOW)).file)).split('\n');
		const at = lines.findIndex((line) => line.startsWith('[4,')) + 10;
		const record = JSON.parse(lines[at]!);
		record[1 + REVIEW_LOG_FIELDS.indexOf('previous')][CARD_STATE_FIELDS.indexOf('state')] = 9;
		const bad = [...lines];
		bad[at] = JSON.stringify(record);
		const fresh = await freshDevice();
		await expect(importBackupFile(fresh, await gzip(bad.join('\n')))).rejects.toThrow(
			`reviewLogs record 11 (line ${at + 1}), field previous.state: Invalid type`
		);
		const short = [...lines];
		short[at] = JSON.stringify(record.slice(0, -1));
		await expect(importBackupFile(fresh, await gzip(short.join('\n')))).rejects.toThrow(
			`line ${at + 1}: not a record of a known kind`
		);
		const header = JSON.parse(lines[0]!);
		header.fields.reviewLogs = [...COLUMNS.reviewLogs!].reverse();
		const other = [JSON.stringify(header), ...lines.slice(1)];
		await expect(importBackupFile(fresh, await gzip(other.join('\n')))).rejects.toThrow(
			'its columns are not the ones this version of Meridian reads'
		);
		const unknown = [...lines];
		unknown[at] = JSON.stringify([17, ...record.slice(1)]);
		await expect(importBackupFile(fresh, await gzip(unknown.join('\n')))).rejects.toThrow(
			`line ${at + 1}: not a record of a known kind`
		);
		expect(await fresh.count('reviewLogs')).toBe(0);
	});

	it('writes nothing when a record deep in a large file is invalid', async () => {
		const db = await device(1100);
		const text = await gunzip((await exportBackupFile(db, NOW)).file);
		const lines = text.split('\n');
		const at = lines.length - 3; // the last review, read after several turns of the page
		const record = JSON.parse(lines[at]!);
		record[1 + REVIEW_LOG_FIELDS.indexOf('stability')] = -5;
		lines[at] = JSON.stringify(record);
		const fresh = await freshDevice();
		await changeMark(fresh, 'card-9', { kind: 'suspend' }, NOW);
		const before = await dump(fresh);
		const file = await gzip(lines.join('\n'));
		await expect(importBackupFile(fresh, file)).rejects.toThrow(
			`The backup is not valid at reviewLogs record 1100 (line ${at + 1}), field stability: Invalid value`
		);
		expect(await dump(fresh)).toEqual(before);
	}, 60_000);

	const header = JSON.stringify({
		app: 'meridian',
		format: 'lines',
		schemaVersion: 1,
		exportedAt: 'x'
	});
	const end = (counts: Partial<Record<string, number>> = {}) =>
		JSON.stringify({
			end: { settings: 0, cardStates: 0, cardMarks: 0, quizAttempts: 0, reviewLogs: 0, ...counts }
		});
	const mark = { cardId: 'x', suspended: true, buriedUntil: null, flag: null, updatedAt: 1 };
	const BAD: [string, string[], RegExp][] = [
		['an empty file', [], /empty/],
		['another app', [header.replace('"meridian"', '"anki"'), end()], /not a Meridian backup/],
		[
			'a newer version',
			[header.replace('"schemaVersion":1', `"schemaVersion":${DB_VERSION + 1}`), end()],
			/newer version/
		],
		['a line that is not JSON', [header, '["cardMarks",', end()], /line 2: not JSON/],
		['an unknown store', [header, '["outbox",{}]', end()], /line 2: not a record of a known kind/],
		[
			'a mark with an unknown flag',
			[header, JSON.stringify(['cardMarks', { ...mark, flag: 'pink' }]), end({ cardMarks: 1 })],
			/cardMarks record 1 \(line 2\), field flag/
		],
		['a file cut short', [header, JSON.stringify(['cardMarks', mark])], /incomplete/],
		[
			'counts that do not match',
			[header, JSON.stringify(['cardMarks', mark]), end({ cardMarks: 2 })],
			/other numbers of cardMarks/
		],
		[
			'records after the last line',
			[header, end(), JSON.stringify(['cardMarks', mark])],
			/more after its last line/
		]
	];

	it.each(BAD)('refuses %s with a clear message, writing nothing', async (_, lines, message) => {
		const db = await device(1);
		const before = await dump(db);
		const file = new Blob([lines.join('\n')]);
		await expect(importBackupFile(db, file)).rejects.toThrow(BackupError);
		await expect(importBackupFile(db, await gzip(lines.join('\n')))).rejects.toThrow(message);
		expect(await dump(db)).toEqual(before);
	});

	it('reads a file whose last line predates a store (its count missing: none of it)', async () => {
		const db = await device(0);
		const lines = [header, JSON.stringify(['cardMarks', mark]), end({ cardMarks: 1 })];
		lines[2] = lines[2]!.replace('"quizAttempts":0,', '');
		expect(await importBackupFile(db, new Blob([lines.join('\n')]))).toMatchObject({
			marksUpdated: 1
		});
	});

	it('refuses damaged gzip, writing nothing', async () => {
		const db = await device(3);
		const bytes = new Uint8Array(await (await exportBackupFile(db, NOW)).file.arrayBuffer());
		const fresh = await freshDevice();
		for (const damaged of [bytes.slice(0, bytes.length - 20), new Uint8Array([0x1f, 0x8b, 8, 0])]) {
			await expect(importBackupFile(fresh, new Blob([damaged]))).rejects.toThrow(BackupError);
		}
		expect(await fresh.count('reviewLogs')).toBe(0);
	});

	it('a cancelled import writes nothing; a cancelled export makes no file', async () => {
		const db = await device(1100);
		const { file } = await exportBackupFile(db, NOW);
		const bytes = new Uint8Array(await file.arrayBuffer());
		const fresh = await freshDevice();
		const stop = new AbortController();
		const importing = importBackupStream(fresh, pieces(bytes, 512), {
			signal: stop.signal,
			// Cancelled once a third of the file is read: records have been written by then.
			onProgress: ({ done }) => done > bytes.length / 3 && stop.abort()
		});
		await expect(importing).rejects.toSatisfy(isCancelled);
		expect(await dump(fresh)).toEqual(await dump(await freshDevice()));

		const stopExport = new AbortController();
		const exporting = exportBackupFile(db, NOW, {
			pageSize: 100,
			progressEvery: 0,
			signal: stopExport.signal,
			onProgress: ({ done }) => done >= 300 && stopExport.abort()
		});
		await expect(exporting).rejects.toSatisfy(isCancelled);
	}, 60_000);
});

describe('marks across devices', () => {
	it('a mark cleared on one device is cleared by importing its newer backup on the other', async () => {
		const phone = await device(0);
		const { file: first } = await exportBackupFile(phone, NOW);
		const laptop = await freshDevice();
		await importBackupFile(laptop, first);
		expect((await loadMarks(laptop)).get('card-1')).toMatchObject({ flag: 'green' });

		// Cleared on the laptop, later: the phone takes the removal.
		await changeMark(laptop, 'card-1', { kind: 'flag', flag: null }, NOW + 1000);
		const { file: fromLaptop } = await exportBackupFile(laptop, NOW + 2000);
		globalThis.indexedDB = new IDBFactory();
		const phoneAgain = await device(0);
		expect(await importBackupFile(phoneAgain, fromLaptop)).toMatchObject({ marksUpdated: 1 });
		expect((await loadMarks(phoneAgain)).has('card-1')).toBe(false);

		// And back: flagged again on the phone, later still, the laptop takes the new flag; the
		// laptop's older tombstone does not undo it when the phone imports the laptop's file again.
		await changeMark(phoneAgain, 'card-1', { kind: 'flag', flag: 'red' }, NOW + 3000);
		await importBackupFile(phoneAgain, fromLaptop);
		expect((await loadMarks(phoneAgain)).get('card-1')).toMatchObject({ flag: 'red' });
		await importBackupFile(laptop, (await exportBackupFile(phoneAgain, NOW + 4000)).file);
		expect((await loadMarks(laptop)).get('card-1')).toMatchObject({ flag: 'red' });
	});

	it('an older tombstone never removes a newer mark', async () => {
		const a = await device(0);
		await changeMark(a, 'card-2', { kind: 'suspend' }, NOW);
		await changeMark(a, 'card-2', { kind: 'unsuspend' }, NOW + 10);
		const { file } = await exportBackupFile(a, NOW + 20);
		const b = await freshDevice();
		await changeMark(b, 'card-2', { kind: 'suspend' }, NOW + 30);
		expect(await importBackupFile(b, file)).toMatchObject({ marksUpdated: 1 }); // card-1 only
		expect((await loadMarks(b)).get('card-2')).toMatchObject({ suspended: true });
	});
});

describe('classes in backups', () => {
	const taught = (code: string, classKey: string) => ({
		code,
		name: `Class ${code}`,
		classKey,
		createdAt: NOW
	});

	it('adds the classes only the backup has, keeps the ones here and leaves unreadable rows out', async () => {
		const phone = await device(0);
		await saveInstructorClass(phone, taught('ABCD234', 'key-on-the-phone'));
		await saveInstructorClass(phone, taught('WXYZ789', 'key-of-the-second'));
		// A row no page could read (no key): it must not make the file unreadable.
		await phone.put('classes', { role: 'instructor', code: 'BROKEN22', name: 'x' } as never);
		const { file, counts } = await exportBackupFile(phone, NOW);
		expect(counts.classes).toBe(2);

		const laptop = await freshDevice();
		await saveInstructorClass(laptop, taught('ABCD234', 'newer-key-on-the-laptop'));
		await importBackupFile(laptop, file);
		const rows = await listInstructorClasses(laptop);
		expect(rows.map((row) => [row.code, row.classKey])).toEqual([
			['ABCD234', 'newer-key-on-the-laptop'],
			['WXYZ789', 'key-of-the-second']
		]);
		// The object form carries them too.
		expect((await exportBackup(laptop, NOW)).classes).toHaveLength(2);
	}, 60_000);
});
