import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { BackupError, exportBackup } from './backup';
import { openMeridianDB } from './db';
import { saveAttempt, type QuizAttemptRow } from './quiz-attempts';
import { recordReview } from './reviews';
import { saveSettings } from './settings';
import { backupForTransfer, importTransferred } from './transfer';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

const ATTEMPT: QuizAttemptRow = {
	id: 'q1',
	deckId: 'history',
	seed: 7,
	cardIds: ['card-1'],
	feedback: 'end',
	passMark: 0.7,
	startedAt: NOW + 5_000,
	finishedAt: NOW + 60_000,
	answers: [
		{
			cardId: 'card-1',
			response: { kind: 'text', text: 'SCO' },
			score: 1,
			correct: true,
			answeredAt: NOW + 6_000
		}
	],
	percent: 100,
	passed: true,
	retryOf: null,
	assignmentCode: null
};

async function studiedDevice() {
	const db = await openMeridianDB();
	for (const [i, cardId] of ['card-1', 'card-2'].entries()) {
		await recordReview(db, DEFAULT_SETTINGS, {
			logId: `log-${i}`,
			cardId,
			rating: Rating.Good,
			now: NOW + i * 1000,
			source: 'study'
		});
	}
	await saveAttempt(db, ATTEMPT);
	await saveSettings(db, { ...DEFAULT_SETTINGS, newPerDay: 7 });
	return db;
}

describe('the transfer backup adapter', () => {
	it('exports compressed bytes that import whole on a fresh device', async () => {
		const db = await studiedDevice();
		const { bytes, reviews, attempts } = await backupForTransfer(db, NOW);
		expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
		expect({ reviews, attempts }).toEqual({ reviews: 2, attempts: 1 });
		const before = await exportBackup(db, NOW);

		globalThis.indexedDB = new IDBFactory();
		const fresh = await openMeridianDB();
		expect(await importTransferred(fresh, bytes)).toEqual({
			reviewsAdded: 2,
			statesUpdated: 2,
			attemptsAdded: 1,
			marksUpdated: 0
		});
		const after = await exportBackup(fresh, NOW);
		expect(after).toEqual(before);
		// Moving the same bytes again adds nothing.
		expect(await importTransferred(fresh, bytes)).toMatchObject({ reviewsAdded: 0 });
	});

	it('reads plain JSON too, and refuses damaged or invalid bytes without writing', async () => {
		const db = await studiedDevice();
		const json = new TextEncoder().encode(JSON.stringify(await exportBackup(db, NOW)));
		globalThis.indexedDB = new IDBFactory();
		const fresh = await openMeridianDB();
		await expect(
			importTransferred(fresh, new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2]))
		).rejects.toThrow(BackupError);
		await expect(
			importTransferred(fresh, new TextEncoder().encode('{"app":"other"}'))
		).rejects.toThrow(/not valid at app/);
		expect(await fresh.count('reviewLogs')).toBe(0);
		expect(await importTransferred(fresh, json)).toMatchObject({ reviewsAdded: 2 });
	});

	it('reports its progress to the end and says when the merge is in, before the sealing', async () => {
		const db = await studiedDevice();
		const { bytes } = await backupForTransfer(db, NOW);
		globalThis.indexedDB = new IDBFactory();
		const fresh = await openMeridianDB();
		const steps: string[] = [];
		let last = { done: 0, total: 0 };
		let committed: Promise<number> | undefined;
		const summary = await importTransferred(fresh, bytes, {
			inThread: true,
			chunkSize: 1,
			onProgress: (progress) => {
				expect(progress.done).toBeGreaterThanOrEqual(last.done);
				last = progress;
				steps.push('progress');
			},
			onImported: (merged) => {
				expect(merged.reviewsAdded).toBe(2);
				committed = fresh.count('reviewLogs');
				steps.push('imported');
			}
		});
		expect(summary.reviewsAdded).toBe(2);
		// The merge is committed when the move is told so.
		expect(await committed).toBe(2);
		expect(last.total).toBeGreaterThan(0);
		expect(last.done).toBe(last.total);
		// Bytes before the merge is said, the sealing after it.
		expect(steps.indexOf('imported')).toBeGreaterThan(0);
		expect(steps.at(-1)).toBe('progress');
		expect(await fresh.count('logChunks')).toBeGreaterThan(0);
	});
});
