import { describe, expect, it } from 'vitest';
import { Rating, type Grade } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { exportBackup, importBackup } from './backup';
import { DB_NAME, DB_VERSION, openMeridianDB, type MeridianDB } from './db';
import { createV1Database, V1_ROWS } from './fixtures/v1';
import { createV3Database, V3_ROWS } from './fixtures/v3';
import { createV4Database, V4_ROWS } from './fixtures/v4';
import { finishAttempt, type QuizAttemptRow } from './quiz-attempts';
import { recordReview, undoReview } from './reviews';
import { loadStudySnapshot } from './study-data';
import { rebuildSummaries, recomputeSummaries } from './summaries';
import { bucketOf, splitRows, summariseLogs, summaryRows } from '$lib/stats/summary';
import { seededRandom as random } from '$lib/random';

const MOCK_NOW = Date.UTC(2026, 2, 27, 9, 0); // two days before the clocks go forward
const MINUTE = 60_000;

async function expectExact(db: MeridianDB) {
	// In the store's key order: the buckets ascending, then the cards' recall rows by id.
	const stored = await db.getAll('daySummaries');
	expect(stored).toEqual([...(await recomputeSummaries(db)).values()]);
}

describe('review summaries', () => {
	it.each([1, 2, 3, 4, 5])(
		'equal a recomputation from the log after random reviews, undos, quizzes and imports (seed %i)',
		async (seed) => {
			const next = random(seed);
			const db = await openMeridianDB();
			// Another device's history, imported now and then (with overlaps).
			const other = await openMeridianDB();
			let now = MOCK_NOW;
			let n = 0;
			const undoable: string[] = [];
			for (let step = 0; step < 120; step++) {
				now += Math.floor(next() * 180) * MINUTE;
				const roll = next();
				const cardId = `card-${Math.floor(next() * 8)}`;
				const rating = (1 + Math.floor(next() * 4)) as Grade;
				if (roll < 0.55) {
					const logId = `log-${seed}-${n++}`;
					await recordReview(db, DEFAULT_SETTINGS, {
						logId,
						cardId,
						rating,
						now,
						source: 'study',
						durationMs: Math.floor(next() * 20_000)
					});
					undoable.push(logId);
				} else if (roll < 0.75 && undoable.length > 0) {
					const logId = undoable.splice(Math.floor(next() * undoable.length), 1)[0]!;
					await undoReview(db, logId); // refused when superseded: nothing changes then
				} else if (roll < 0.85) {
					const attempt: QuizAttemptRow = {
						id: `quiz-${seed}-${n++}`,
						deckId: 'history',
						seed: 1,
						cardIds: [cardId],
						feedback: 'end',
						passMark: 0.7,
						startedAt: now,
						finishedAt: now,
						answers: [{ cardId, response: null, score: 0, correct: next() < 0.5, answeredAt: now }],
						percent: 0,
						passed: false,
						retryOf: null
					};
					await finishAttempt(db, DEFAULT_SETTINGS, attempt, now);
				} else if (roll < 0.95) {
					await recordReview(db, DEFAULT_SETTINGS, {
						logId: `other-${seed}-${n++}`,
						cardId,
						rating,
						now: now - 30 * MINUTE,
						source: 'study',
						durationMs: 1000
					});
				} else {
					await importBackup(db, await exportBackup(other, now));
				}
				if (roll >= 0.85 && roll < 0.95) {
					// That review was on the other device: move it there.
					const log = (await db.getAll('reviewLogs')).find((l) => l.id.startsWith('other-'));
					if (log) {
						await other.put('reviewLogs', log);
						await undoReview(db, log.id);
					}
				}
			}
			await importBackup(db, await exportBackup(other, now));
			await importBackup(db, await exportBackup(other, now)); // twice: adds nothing
			expect(await db.count('reviewLogs')).toBeGreaterThan(20);
			// Every kind of row is there to compare: counts, new cards and cards' recall.
			const { buckets, recall } = splitRows(await db.getAll('daySummaries'));
			expect(buckets.some((row) => row.newCardIds.length > 0)).toBe(true);
			expect(recall.length).toBeGreaterThan(0);
			await expectExact(db);
		}
	);

	it('count the new cards studied today for the daily limit, and undo takes one back', async () => {
		const db = await openMeridianDB();
		const review = (logId: string, cardId: string, now: number) =>
			recordReview(db, DEFAULT_SETTINGS, {
				logId,
				cardId,
				rating: Rating.Good,
				now,
				source: 'study'
			});
		await review('a1', 'a', MOCK_NOW - 86_400_000); // yesterday
		await review('a2', 'a', MOCK_NOW); // not new any more
		await review('b1', 'b', MOCK_NOW);
		await review('c1', 'c', MOCK_NOW + MINUTE);
		const day = { start: MOCK_NOW - 3600_000, end: MOCK_NOW + 3600_000 };
		expect((await loadStudySnapshot(db, ['a', 'b', 'c'], day.start, day.end)).newStudiedToday).toBe(
			2
		);
		await undoReview(db, 'c1');
		expect((await loadStudySnapshot(db, ['a', 'b', 'c'], day.start, day.end)).newStudiedToday).toBe(
			1
		);
		await expectExact(db);
	});

	it('are built from the existing log when a version 1 database is upgraded', async () => {
		await createV1Database(DB_NAME);
		const db = await openMeridianDB();
		const stored = await db.getAll('daySummaries');
		expect(stored).toEqual(summaryRows(summariseLogs(V1_ROWS.reviewLogs as never)));
		const { buckets } = splitRows(stored);
		expect(buckets.reduce((sum, s) => sum + s.reviews, 0)).toBe(2);
		expect(buckets.reduce((sum, s) => sum + s.durationMs, 0)).toBe(7300);
		expect(await db.getAll('reviewLogs')).toEqual(V1_ROWS.reviewLogs);
	});

	it('are rebuilt in their compact shape when a version 4 database is upgraded', async () => {
		await createV4Database(DB_NAME);
		const db = await openMeridianDB();
		expect(db.version).toBe(DB_VERSION);
		expect(await db.getAll('daySummaries')).toEqual([
			{ key: 1963715, reviews: 1, durationMs: 4200, newCardIds: ['hist-first-ambassador'] },
			{ key: 1963716, reviews: 1, durationMs: 3100, newCardIds: ['hist-first-ambassador'] },
			{ key: 1964004, reviews: 1, durationMs: 5000, newCardIds: [] },
			{ key: 'hist-first-ambassador', tallies: [1964004, 1, 0] }
		]);
		await expectExact(db);
		for (const [store, rows] of Object.entries(V4_ROWS)) {
			if (store !== 'daySummaries') expect(await db.getAll(store as never), store).toEqual(rows);
		}
	});

	it('are rebuilt from the log, not kept, when a version 3 database is upgraded', async () => {
		await createV3Database(DB_NAME); // its one summary row does not match its log
		const db = await openMeridianDB();
		expect(await db.getAll('daySummaries')).toEqual(
			summaryRows(summariseLogs(V3_ROWS.reviewLogs as never))
		);
		expect(await db.getAll('reviewLogs')).toEqual(V3_ROWS.reviewLogs);
	});

	it('keep a new card once per first study, and give home the day from summary rows', async () => {
		const db = await openMeridianDB();
		await recordReview(db, DEFAULT_SETTINGS, {
			logId: 'n1',
			cardId: 'z',
			rating: Rating.Good,
			now: MOCK_NOW,
			source: 'study'
		});
		await recordReview(db, DEFAULT_SETTINGS, {
			logId: 'n2',
			cardId: 'y',
			rating: Rating.Good,
			now: MOCK_NOW + MINUTE,
			source: 'study'
		});
		expect(await db.get('daySummaries', bucketOf(MOCK_NOW))).toMatchObject({
			reviews: 2,
			newCardIds: ['y', 'z']
		});
		// The log is not read: with its rows gone, the counts still come from the summaries.
		await db.clear('reviewLogs');
		const snapshot = await loadStudySnapshot(db, ['y', 'z'], MOCK_NOW, MOCK_NOW + 3600_000);
		expect(snapshot.newStudiedTodayIds).toEqual(new Set(['y', 'z']));
	});

	it('are rebuilt exactly by the repair', async () => {
		const db = await openMeridianDB();
		await recordReview(db, DEFAULT_SETTINGS, {
			logId: 'x',
			cardId: 'a',
			rating: Rating.Good,
			now: MOCK_NOW,
			source: 'study'
		});
		await db.clear('daySummaries');
		await rebuildSummaries(db);
		await expectExact(db);
		expect(await db.count('daySummaries')).toBe(1);
	});
});
