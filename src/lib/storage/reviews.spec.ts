import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { openMeridianDB } from './db';
import { applyReviews, recordReview, undoReview, type PendingReview } from './reviews';
import { recomputeSummaries } from './summaries';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

/**
 * A readwrite transaction over in-memory stores whose requests are answered only when `answer`
 * is called, all pending ones at once: a round of answers is one trip to the database, so the
 * number of rounds with a read in it is how long the write waits on reads before it commits.
 */
function roundTripTransaction(initial: Record<string, Map<unknown, unknown>> = {}) {
	const stores = new Map(Object.entries(initial));
	let pending: { read: boolean; settle: () => void }[] = [];
	const request = <T>(read: boolean, result: () => T) =>
		new Promise<T>((resolve) => pending.push({ read, settle: () => resolve(result()) }));
	const tx = {
		objectStore(name: string) {
			if (!stores.has(name)) stores.set(name, new Map());
			const rows = stores.get(name)!;
			const path = { cardStates: 'cardId', reviewLogs: 'id' }[name] ?? 'key';
			const keyOf = (row: Record<string, unknown>) => row[path];
			return {
				get: (key: unknown) => request(true, () => structuredClone(rows.get(key))),
				put: (row: Record<string, unknown>) => request(false, () => rows.set(keyOf(row), row)),
				add: (row: Record<string, unknown>) => request(false, () => rows.set(keyOf(row), row)),
				delete: (key: unknown) => request(false, () => rows.delete(key))
			};
		}
	};
	/** Answers every pending request; returns whether any of them was a read. */
	const answer = () => {
		const now = pending;
		pending = [];
		for (const r of now) r.settle();
		return now.some((r) => r.read);
	};
	return { tx, answer, stores };
}

async function readRounds(work: Promise<unknown>, answer: () => boolean): Promise<number> {
	let finished = false;
	void work.finally(() => (finished = true));
	let rounds = 0;
	while (!finished) {
		await new Promise((r) => setTimeout(r, 0));
		if (answer()) rounds++;
	}
	await work;
	return rounds;
}

describe('a review write waits on one round of reads', () => {
	it('asks for the log, the state and both summary rows at once', async () => {
		expect.hasAssertions();
		const { tx, answer, stores } = roundTripTransaction();
		const tracked: Promise<unknown>[] = [];
		const review: PendingReview = {
			logId: 'log-1',
			cardId: 'card-1',
			rating: Rating.Good,
			now: MOCK_NOW,
			source: 'study'
		};
		const work = applyReviews(tx as never, DEFAULT_SETTINGS, [review], (r) => tracked.push(r));
		expect(await readRounds(work, answer)).toBe(1);
		answer();
		await Promise.all(tracked);
		// The state, the log, the quarter hour's row (its card is new: no recall row yet).
		expect(stores.get('cardStates')?.has('card-1')).toBe(true);
		expect(stores.get('reviewLogs')?.has('log-1')).toBe(true);
		expect([...stores.get('daySummaries')!.keys()]).toEqual([Math.floor(MOCK_NOW / 900_000)]);
	});

	it('keeps the summaries exact through reviews and undos of the same card', async () => {
		const db = await openMeridianDB();
		const at = (n: number) => MOCK_NOW + n * 86_400_000;
		for (let n = 0; n < 4; n++) {
			await recordReview(db, DEFAULT_SETTINGS, {
				logId: `log-${n}`,
				cardId: 'card-1',
				rating: n === 2 ? Rating.Again : Rating.Good,
				now: at(n),
				source: 'study'
			});
		}
		expect((await undoReview(db, 'log-3')).undone?.id).toBe('log-3');
		expect((await undoReview(db, 'log-2')).undone?.id).toBe('log-2');
		const stored = new Map((await db.getAll('daySummaries')).map((row) => [row.key, row]));
		expect(stored).toEqual(await recomputeSummaries(db));
	});
});
