import { describe, expect, it } from 'vitest';
import { Rating, type Grade } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { exportBackup, importBackup, parseBackup, BackupError } from './backup';
import { changeMark } from './card-marks';
import { DB_NAME, DB_VERSION, openMeridianDB, type MeridianDB } from './db';
import { backupWith, studiedState } from './fixtures/backup';
import { createV1Database, V1_ROWS } from './fixtures/v1';
import { recordReview, undoReview } from './reviews';
import type { QuizAttemptRow } from './quiz-attempts';
import { loadSettings, saveSettings } from './settings';
import { loadStudySnapshot, recentStudyReviews } from './study-data';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const review = (
	db: MeridianDB,
	cardId: string,
	logId: string,
	now = MOCK_NOW,
	rating: Grade = Rating.Good
) => recordReview(db, DEFAULT_SETTINGS, { logId, cardId, rating, now, source: 'study' });

/** A finished attempt as the quiz stores it, one answer self-graded. */
const ATTEMPT: QuizAttemptRow = {
	id: 'q1',
	deckId: 'history',
	seed: 7,
	cardIds: ['card-1', 'card-2'],
	feedback: 'immediate',
	passMark: 0.7,
	startedAt: MOCK_NOW,
	finishedAt: MOCK_NOW + 60_000,
	answers: [
		{
			cardId: 'card-1',
			response: { kind: 'choice', index: 0 },
			score: 1,
			correct: true,
			answeredAt: MOCK_NOW
		},
		{
			cardId: 'card-2',
			response: { kind: 'text', text: 'SCO' },
			score: 1,
			correct: true,
			answeredAt: MOCK_NOW + 1000,
			selfGraded: true
		}
	],
	percent: 100,
	passed: true,
	retryOf: null,
	assignmentCode: null
};

const STATE = studiedState(MOCK_NOW, 'card-1');

async function dump(db: MeridianDB) {
	return {
		states: await db.getAll('cardStates'),
		logs: await db.getAll('reviewLogs'),
		attempts: await db.getAll('quizAttempts'),
		settings: await db.getAll('settings'),
		marks: await db.getAll('cardMarks')
	};
}

describe('reviews', () => {
	it('stores the new state and the log entry together', async () => {
		const db = await openMeridianDB();
		const { state, log } = await review(db, 'card-1', 'log-1');
		expect(await db.get('cardStates', 'card-1')).toEqual(state);
		expect(await db.get('reviewLogs', 'log-1')).toEqual(log);
		expect(state.lastLogId).toBe('log-1');
	});

	it('never applies the same review twice', async () => {
		const db = await openMeridianDB();
		await review(db, 'card-1', 'log-1');
		const again = await review(db, 'card-1', 'log-1', MOCK_NOW + 1000);
		expect(again.duplicate).toBe(true);
		expect(await db.count('reviewLogs')).toBe(1);
		expect((await db.get('cardStates', 'card-1'))?.reps).toBe(1);
	});

	it('undoes reviews one by one, restoring the exact previous state', async () => {
		const db = await openMeridianDB();
		const first = await review(db, 'card-1', 'log-1');
		await review(db, 'card-1', 'log-2', MOCK_NOW + 60_000, Rating.Again);
		expect((await undoReview(db, 'log-2')).undone?.id).toBe('log-2');
		expect(await db.get('cardStates', 'card-1')).toEqual(first.state);
		expect((await undoReview(db, 'log-1')).undone?.id).toBe('log-1');
		expect(await db.get('cardStates', 'card-1')).toBeUndefined();
		expect(await db.count('reviewLogs')).toBe(0);
		expect(await undoReview(db, 'log-1')).toEqual({ undone: null, reason: 'nothing-to-undo' });
	});

	it('refuses to undo a review the card has had another review since', async () => {
		const db = await openMeridianDB();
		await review(db, 'card-1', 'log-1');
		await review(db, 'card-1', 'log-2', MOCK_NOW + 60_000);
		expect(await undoReview(db, 'log-1')).toEqual({ undone: null, reason: 'superseded' });
		expect(await db.count('reviewLogs')).toBe(2);
	});

	it('lists the recent study reviews newest first, for undo after a reload', async () => {
		const db = await openMeridianDB();
		await review(db, 'card-1', 'log-1');
		await review(db, 'card-2', 'log-2', MOCK_NOW + 5000);
		expect((await recentStudyReviews(db, MOCK_NOW - 1)).map((l) => l.id)).toEqual([
			'log-2',
			'log-1'
		]);
	});

	it('two tabs reviewing the same card at once both land, in order', async () => {
		const tabA = await openMeridianDB();
		const tabB = await openMeridianDB();
		await Promise.all([
			review(tabA, 'card-1', 'a-1'),
			review(tabB, 'card-1', 'b-1', MOCK_NOW + 10),
			review(tabA, 'card-2', 'a-2')
		]);
		const state = await tabA.get('cardStates', 'card-1');
		expect(state?.reps).toBe(2);
		expect(await tabB.count('reviewLogs')).toBe(3);
		const logs = await tabA.getAllFromIndex('reviewLogs', 'byCard', 'card-1');
		const second = logs.find((l) => l.previous !== null);
		expect(second?.previous?.reps).toBe(1);
	});
});

describe('study snapshot', () => {
	it('reads the asked cards’ due states, seen cards and new cards studied today', async () => {
		const db = await openMeridianDB();
		await review(db, 'card-1', 'log-1');
		await review(db, 'card-2', 'log-2', MOCK_NOW, Rating.Easy);
		// Cards no longer in any deck, one due today and one due first after today: never counted.
		await review(db, 'retired', 'log-3');
		const dayEnd = MOCK_NOW + 3_600_000;
		const retired = (await db.get('cardStates', 'retired'))!;
		await db.put('cardStates', { ...retired, cardId: 'retired-2', due: dayEnd + 1 });
		const ids = ['card-1', 'card-2', 'never-studied'];
		const snapshot = await loadStudySnapshot(db, ids, MOCK_NOW - 3_600_000, dayEnd);
		expect([...snapshot.dueStates.keys()]).toEqual(['card-1']);
		expect(snapshot.seen).toEqual(new Set(['card-1', 'card-2']));
		expect(snapshot.newStudiedToday).toBe(3);
		const card2 = await db.get('cardStates', 'card-2');
		expect(snapshot.nextDueAfter).toBe(card2!.due);
		expect(snapshot.nextDueAfter).toBeGreaterThan(dayEnd);
	});
});

describe('settings', () => {
	it('round-trips and completes rows from older versions', async () => {
		const db = await openMeridianDB();
		expect(await loadSettings(db)).toEqual(DEFAULT_SETTINGS);
		await saveSettings(db, { ...DEFAULT_SETTINGS, newPerDay: 7 });
		expect((await loadSettings(db)).newPerDay).toBe(7);
	});
});

describe('migrations', () => {
	it('opens a version 1 database with data and loses nothing', async () => {
		await createV1Database(DB_NAME);
		const db = await openMeridianDB();
		expect(await db.getAll('cardStates')).toEqual(V1_ROWS.cardStates);
		expect(await db.getAll('reviewLogs')).toEqual(V1_ROWS.reviewLogs);
		expect(await loadSettings(db)).toEqual({
			...DEFAULT_SETTINGS,
			desiredRetention: 0.85,
			newPerDay: 15
		});
		// Version 3's store starts empty, and takes a mark.
		expect(await db.count('cardMarks')).toBe(0);
		await changeMark(db, 'card-1', { kind: 'suspend' }, MOCK_NOW);
		expect(await db.get('cardMarks', 'card-1')).toMatchObject({ suspended: true });
	});

	it('closes and reports when another tab upgrades the database', async () => {
		let told = false;
		const db = await openMeridianDB({ onVersionChange: () => (told = true) });
		const newer = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(DB_NAME, 99);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		expect(told).toBe(true);
		expect(newer.version).toBe(99);
		await expect(db.get('cardStates', 'x')).rejects.toThrow();
	});
});

describe('backup', () => {
	it('export, wipe and import gives back the same data', async () => {
		const db = await openMeridianDB();
		await review(db, 'card-1', 'log-1');
		await review(db, 'card-1', 'log-2', MOCK_NOW + 60_000);
		await saveSettings(db, { ...DEFAULT_SETTINGS, desiredRetention: 0.8 });
		await db.put('quizAttempts', ATTEMPT);
		await changeMark(db, 'card-1', { kind: 'flag', flag: 'green' }, MOCK_NOW);
		const before = await dump(db);
		const file = JSON.stringify(await exportBackup(db, MOCK_NOW));
		db.close();
		indexedDB.deleteDatabase(DB_NAME);
		const fresh = await openMeridianDB();
		expect(await fresh.count('reviewLogs')).toBe(0);
		const summary = await importBackup(fresh, parseBackup(file));
		expect(summary).toEqual({
			reviewsAdded: 2,
			statesUpdated: 1,
			attemptsAdded: 1,
			marksUpdated: 1
		});
		expect(await dump(fresh)).toEqual(before);
	});

	it('exports every review log exactly once, in key order, whatever the page size', async () => {
		const db = await openMeridianDB();
		for (const count of [0, 1, 7, 8, 9, 61]) {
			await db.clear('reviewLogs');
			for (let i = 0; i < count; i++) {
				const at = MOCK_NOW + i * 60_000;
				await review(db, `card-${i % 5}`, `log-${(i * 7919) % 1000}-${i}`, at);
			}
			for (const pageSize of [1, 7, 8, 1000]) {
				const exported = (await exportBackup(db, MOCK_NOW, pageSize)).reviewLogs.map((l) => l.id);
				expect(exported).toEqual(await db.getAllKeys('reviewLogs'));
				expect(exported).toHaveLength(count);
			}
		}
	});

	it('merges: logs united by id, each card state from the side that reviewed it last', async () => {
		const db = await openMeridianDB();
		await review(db, 'card-1', 'log-1');
		const backup = await exportBackup(db, MOCK_NOW);
		await review(db, 'card-1', 'log-2', MOCK_NOW + 60_000);
		const newer = await db.get('cardStates', 'card-1');
		await review(db, 'card-9', 'log-9');
		const summary = await importBackup(db, backup);
		expect(summary.reviewsAdded).toBe(0);
		expect(await db.get('cardStates', 'card-1')).toEqual(newer);
		expect(await db.count('reviewLogs')).toBe(3);
	});

	const valid = () => backupWith(MOCK_NOW);
	const BAD: [string, string, RegExp][] = [
		['malformed', '{"app": "meridian",', /not valid JSON/],
		['truncated', JSON.stringify(valid()).slice(0, 40), /not valid JSON/],
		['another app', JSON.stringify({ ...valid(), app: 'anki' }), /not a Meridian backup/],
		[
			'a newer version',
			JSON.stringify({ ...valid(), schemaVersion: DB_VERSION + 1 }),
			/newer version/
		],
		[
			'a bad review',
			JSON.stringify({ ...valid(), reviewLogs: [{ id: 'x', cardId: 'y', rating: 9 }] }),
			/reviewLogs\.0\.rating/
		],
		[
			'a card state with stability -5',
			JSON.stringify({ ...valid(), cardStates: [{ ...STATE, stability: -5 }] }),
			/cardStates\.0\.stability: Invalid value/
		],
		[
			'a card state with difficulty 100',
			JSON.stringify({ ...valid(), cardStates: [{ ...STATE, difficulty: 100 }] }),
			/cardStates\.0\.difficulty/
		],
		[
			'a studied card with difficulty 0',
			JSON.stringify({ ...valid(), cardStates: [{ ...STATE, difficulty: 0 }] }),
			/cardStates\.0\.difficulty: must be between 1 and 10/
		],
		[
			'a review dated in the year 3000',
			JSON.stringify({ ...valid(), cardStates: [{ ...STATE, due: Date.UTC(3000, 0, 1) }] }),
			/cardStates\.0\.due/
		],
		[
			'a partial attempt answering a question it does not have',
			JSON.stringify({
				...valid(),
				quizAttempts: [
					{ ...ATTEMPT, finishedAt: null, percent: null, passed: null, cardIds: ['card-1'] }
				]
			}),
			/quizAttempts\.0\.answers: has more answers/
		],
		[
			'a partial attempt with its answers out of order',
			JSON.stringify({
				...valid(),
				quizAttempts: [
					{
						...ATTEMPT,
						finishedAt: null,
						percent: null,
						passed: null,
						cardIds: ['card-2', 'card-1', 'card-3']
					}
				]
			}),
			/quizAttempts\.0\.answers: must answer the questions in their order/
		],
		[
			'an unfinished attempt with a result',
			JSON.stringify({ ...valid(), quizAttempts: [{ ...ATTEMPT, finishedAt: null }] }),
			/quizAttempts\.0\.percent/
		],
		[
			'a mark with an unknown flag',
			JSON.stringify({
				...valid(),
				cardMarks: [
					{ cardId: 'x', suspended: false, buriedUntil: null, flag: 'pink', updatedAt: 1 }
				]
			}),
			/cardMarks\.0\.flag/
		],
		[
			'an attempt without its answers',
			JSON.stringify({ ...valid(), quizAttempts: [{ ...ATTEMPT, answers: undefined }] }),
			/quizAttempts\.0\.answers/
		]
	];

	it.each(BAD)(
		'rejects %s with a clear message and changes nothing',
		async (_name, text, message) => {
			const db = await openMeridianDB();
			await review(db, 'card-1', 'log-1');
			const before = await dump(db);
			expect(() => parseBackup(text)).toThrow(BackupError);
			expect(() => parseBackup(text)).toThrow(message);
			expect(await dump(db)).toEqual(before);
		}
	);

	it('merges marks: each card’s mark from the side that changed it last', async () => {
		const db = await openMeridianDB();
		await changeMark(db, 'card-1', { kind: 'suspend' }, MOCK_NOW);
		await changeMark(db, 'card-2', { kind: 'flag', flag: 'red' }, MOCK_NOW);
		const backup = await exportBackup(db, MOCK_NOW);
		await changeMark(db, 'card-1', { kind: 'flag', flag: 'blue' }, MOCK_NOW + 1000);
		await db.clear('cardMarks');
		await changeMark(db, 'card-1', { kind: 'flag', flag: 'blue' }, MOCK_NOW + 1000);
		const summary = await importBackup(db, backup);
		expect(summary.marksUpdated).toBe(1);
		expect(await db.get('cardMarks', 'card-1')).toMatchObject({ suspended: false, flag: 'blue' });
		expect(await db.get('cardMarks', 'card-2')).toMatchObject({ flag: 'red' });
	});

	it('reads a backup made before marks existed as one with none', () => {
		expect(parseBackup(JSON.stringify(valid())).cardMarks).toEqual([]);
	});

	it('writes nothing when the import fails halfway', async () => {
		const db = await openMeridianDB();
		const backup = parseBackup(JSON.stringify(valid()));
		const log = (await review(db, 'card-1', 'log-1')).log;
		const before = await dump(db);
		const broken = {
			...backup,
			reviewLogs: [
				{ ...log, id: 'new-1' },
				{ ...log, id: {} }
			]
		};
		await expect(importBackup(db, broken as never)).rejects.toThrow();
		expect(await dump(db)).toEqual(before);
	});
});

describe('failures', () => {
	it('a review that cannot be written leaves the stored state and log untouched', async () => {
		const db = await openMeridianDB();
		await review(db, 'card-1', 'log-1');
		const before = await dump(db);
		const store = IDBObjectStore.prototype;
		const add = store.add;
		store.add = function () {
			throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
		};
		try {
			await expect(review(db, 'card-1', 'log-2', MOCK_NOW + 60_000)).rejects.toMatchObject({
				problem: 'quota'
			});
		} finally {
			store.add = add;
		}
		expect(await dump(db)).toEqual(before);
	});
});
