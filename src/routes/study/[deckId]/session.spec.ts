import { describe, expect, it } from 'vitest';
import { typedCard } from '$lib/quiz/fixtures';
import { Rating, State } from '$lib/srs/states';
import { StorageConnection } from '$lib/storage/connection.svelte';
import { LazyModule } from '$lib/lazy-module.svelte';
import { BUSY_AFTER_MS, StudySession, UNAVAILABLE, type AfterCard } from './session.svelte';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;
const deck = {
	id: 'history',
	cards: [typedCard('1949', [], 'card-a'), typedCard('2001', [], 'card-b')]
};

/** Timers the test fires by hand: `pending` holds the ones set and not yet cleared or run. */
function manualTimers() {
	const pending = new Map<number, { run: () => void; ms: number }>();
	let next = 0;
	return {
		pending,
		setTimeout: (run: () => void, ms: number) => (pending.set(++next, { run, ms }), next),
		clearTimeout: (timer: unknown) => void pending.delete(timer as number),
		fireAll() {
			for (const [id, timer] of [...pending]) {
				pending.delete(id);
				timer.run();
			}
		}
	};
}

/**
 * `./after-card` as a test holds it back: `arrive()` lets the import resolve, `fail()` rejects it
 * (each import waits for one of them).
 */
function heldBack() {
	const waiting: { arrive: () => void; fail: () => void }[] = [];
	let imports = 0;
	const later = new LazyModule<AfterCard>(() => {
		imports++;
		return new Promise<AfterCard>((resolve, reject) => {
			waiting.push({
				arrive: () => void import('./after-card').then(resolve),
				fail: () => reject(new Error('offline'))
			});
		});
	});
	return {
		later,
		imports: () => imports,
		arrive: () => waiting.shift()!.arrive(),
		fail: () => waiting.shift()!.fail()
	};
}

/** A session on its own connection, with a clock the test moves and ids it can predict. */
function session(clock = { now: MOCK_NOW }, later?: LazyModule<AfterCard>) {
	let n = 0;
	const connection = new StorageConnection();
	const timers = manualTimers();
	const env = {
		now: () => clock.now,
		newId: () => `log-${++n}`,
		setTimeout: timers.setTimeout,
		clearTimeout: timers.clearTimeout
	};
	return {
		study: new StudySession(deck, 'today', env, connection, later),
		connection,
		clock,
		timers
	};
}

const ids = (study: StudySession) => study.queue.map((e) => e.card.id);

async function rate(study: StudySession, rating: typeof Rating.Again | typeof Rating.Easy) {
	await study.reveal();
	await study.rate(rating);
}

describe('StudySession', () => {
	it('loads today’s new cards and rates the current one, storing the review', async () => {
		const { study, connection } = session();
		await study.load();
		expect(ids(study)).toEqual(['card-a', 'card-b']);
		await study.rate(Rating.Easy);
		expect(study.done).toBe(0);
		await rate(study, Rating.Easy);
		expect(ids(study)).toEqual(['card-b']);
		expect(study.done).toBe(1);
		expect(study.undoStack.map((l) => l.cardId)).toEqual(['card-a']);
		const db = await connection.open();
		expect((await db.get('cardStates', 'card-a'))?.state).toBe(State.Review);
		expect(await db.count('reviewLogs')).toBe(1);
	});

	it('requeues a card on a learning step after what is due sooner, and shows it when due', async () => {
		const { study, clock } = session();
		await study.load();
		await rate(study, Rating.Again);
		expect(ids(study)).toEqual(['card-b', 'card-a']);
		expect(study.queue[1]?.state?.state).toBe(State.Learning);
		clock.now += 2 * MINUTE;
		await rate(study, Rating.Easy);
		expect(ids(study)).toEqual(['card-a']);
		expect(study.announcement).toBe('Next card. 1 left.');
	});

	it('undoes the last review: the card comes back first with its exact previous state', async () => {
		const { study, connection } = session();
		await study.load();
		await rate(study, Rating.Easy);
		await study.undo();
		expect(ids(study)).toEqual(['card-a', 'card-b']);
		expect(study.queue[0]?.state).toBeNull();
		expect(study.done).toBe(0);
		expect(study.undoStack).toEqual([]);
		const db = await connection.open();
		expect(await db.count('reviewLogs')).toBe(0);
		expect(await db.get('cardStates', 'card-a')).toBeUndefined();
	});

	it('resumes after a reload: reviewed cards stay done and today’s reviews can still be undone', async () => {
		const clock = { now: MOCK_NOW };
		const first = session(clock);
		await first.study.load();
		await rate(first.study, Rating.Easy);
		clock.now += MINUTE;
		const reloaded = session(clock).study;
		await reloaded.load();
		expect(ids(reloaded)).toEqual(['card-b']);
		expect(reloaded.undoStack.map((l) => l.cardId)).toEqual(['card-a']);
		await reloaded.undo();
		expect(ids(reloaded)).toEqual(['card-a', 'card-b']);
	});

	it('keeps the card and tells the student when the review cannot be written', async () => {
		const { study, connection } = session();
		await study.load();
		await study.reveal();
		const store = IDBObjectStore.prototype;
		const add = store.add;
		store.add = function () {
			throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
		};
		try {
			await study.rate(Rating.Easy);
		} finally {
			store.add = add;
		}
		expect(ids(study)).toEqual(['card-a', 'card-b']);
		expect(study.done).toBe(0);
		expect(study.busy).toBe(false);
		expect(connection.problem).toMatch(/out of storage space/);
		const db = await connection.open();
		expect(await db.count('reviewLogs')).toBe(0);
		expect(await db.count('cardStates')).toBe(0);
	});

	it('never writes a review over a stored one: an id source that repeats fails the rating', async () => {
		const { connection, timers } = session();
		// Ids always "log-1": the second rating's log id is taken.
		const env = { ...timers, now: () => MOCK_NOW, newId: () => 'log-1' };
		const repeating = new StudySession(deck, 'today', env, connection);
		await repeating.load();
		await rate(repeating, Rating.Easy);
		expect(ids(repeating)).toEqual(['card-b']);
		await rate(repeating, Rating.Easy);
		expect(ids(repeating)).toEqual(['card-b']);
		expect(repeating.done).toBe(1);
		expect(connection.problem).not.toBe(null);
		const db = await connection.open();
		expect(await db.count('reviewLogs')).toBe(1);
		expect(await db.get('cardStates', 'card-b')).toBeUndefined();
	});

	it('stores one review for a double rating, and a fast commit never shows busy', async () => {
		const { study, connection, timers } = session();
		await study.load();
		await study.reveal();
		const first = study.rate(Rating.Easy);
		const second = study.rate(Rating.Again);
		// Nothing the page shows changes while the commit runs.
		expect(study.busy).toBe(false);
		expect(ids(study)).toEqual(['card-a', 'card-b']);
		expect([...timers.pending.values()].map((t) => t.ms)).toEqual([BUSY_AFTER_MS]);
		await Promise.all([first, second]);
		expect(study.busy).toBe(false);
		expect(timers.pending.size).toBe(0);
		expect(ids(study)).toEqual(['card-b']);
		expect(study.done).toBe(1);
		const db = await connection.open();
		expect(await db.count('reviewLogs')).toBe(1);
		expect((await db.get('cardStates', 'card-a'))?.reps).toBe(1);
		// An undo started during a commit is ignored as well.
		await study.reveal();
		const rating = study.rate(Rating.Easy);
		await study.undo();
		await rating;
		expect(await db.count('reviewLogs')).toBe(2);
	});

	it('shows busy only once a commit takes over 100 ms, and clears it when committed', async () => {
		const { study, connection, timers } = session();
		await study.load();
		await study.reveal();
		const rating = study.rate(Rating.Easy);
		timers.fireAll(); // the commit is still running when the timer fires
		expect(study.busy).toBe(true);
		await rating;
		expect(study.busy).toBe(false);
		expect(ids(study)).toEqual(['card-b']);
		expect(await (await connection.open()).count('reviewLogs')).toBe(1);
	});

	it('loads its queue without the scheduler, which a reveal waits for if it has not arrived', async () => {
		const held = heldBack();
		const { study, timers } = session(undefined, held.later);
		await study.load();
		expect(ids(study)).toEqual(['card-a', 'card-b']);
		expect(held.imports()).toBe(0);
		const revealing = study.reveal();
		expect(study.revealed).toBe(false);
		// A second press while it loads imports nothing more and reveals once.
		const again = study.reveal();
		expect(held.imports()).toBe(1);
		held.arrive();
		await Promise.all([revealing, again]);
		expect(study.revealed).toBe(true);
		expect(study.intervals?.[Rating.Good]).toBe('10m');
		expect(study.announcement).toBe('Answer: 1949');
		// Once it is in, a rating starts its commit at once (no import awaited on the way).
		const rating = study.rate(Rating.Good);
		expect([...timers.pending.values()].map((t) => t.ms)).toEqual([BUSY_AFTER_MS]);
		await rating;
		expect(ids(study)).toEqual(['card-b', 'card-a']);
		// And the next reveal shows at once.
		void study.reveal();
		expect(study.revealed).toBe(true);
	});

	it('prepares the scheduler after its first card, so that the reveal is immediate', async () => {
		const held = heldBack();
		const { study } = session(undefined, held.later);
		await study.load();
		const preparing = study.prepare();
		held.arrive();
		await preparing;
		void study.reveal();
		expect(study.revealed).toBe(true);
		expect(study.intervals?.[Rating.Again]).toBe('1m');
	});

	it('undoes the last session’s review before the scheduler arrives, once it does', async () => {
		const clock = { now: MOCK_NOW };
		const first = session(clock).study;
		await first.load();
		await rate(first, Rating.Easy);
		clock.now += MINUTE;
		const held = heldBack();
		const { study } = session(clock, held.later);
		await study.load();
		expect(ids(study)).toEqual(['card-b']);
		const undoing = study.undo();
		held.arrive();
		await undoing;
		expect(ids(study)).toEqual(['card-a', 'card-b']);
		expect(study.announcement).toBe('Review undone.');
		expect(study.undoStack).toEqual([]);
	});

	it('says so when the scheduler cannot be loaded, and reveals on the next try', async () => {
		const held = heldBack();
		const { study } = session(undefined, held.later);
		await study.load();
		const revealing = study.reveal();
		held.fail();
		await revealing;
		expect(study.revealed).toBe(false);
		expect(study.unavailable).toBe(true);
		expect(study.announcement).toBe(UNAVAILABLE);
		await study.rate(Rating.Good);
		expect(study.done).toBe(0);
		const retry = study.reveal();
		held.arrive();
		await retry;
		expect(study.revealed).toBe(true);
		expect(study.unavailable).toBe(false);
	});
});
