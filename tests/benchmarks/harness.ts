// What every benchmark script shares: the production build served on its own port, and
// percentiles. Benchmarks are scripts run with `npx tsx`, not tests.
import type { Browser, Page } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface BenchServer {
	/** Resolves once the server answers `readyPath` (waiting up to a minute: a loaded machine). */
	ready: Promise<void>;
	/** The server's process id (with `script`, the primary of its workers). */
	pid: number | undefined;
	stop(): void;
}

/**
 * Serves `build` (building it first when there is none) with `node build` on `port`, or with
 * `node <script>` when given. `BUILD` serves another build directory instead (say a copy of an
 * earlier build, to compare two builds run after run: a copy outside the checkout needs a
 * `node_modules` it can resolve from, such as a symlink beside it).
 * `SERVER_NODE_ARGS` (say `--cpu-prof`) is passed to that Node process.
 */
export function serveBuild(
	origin: string,
	port: number,
	options: { env?: Record<string, string>; readyPath?: string; script?: string } = {}
): BenchServer {
	if (!existsSync('build/index.js')) spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
	// `script`: serve through another entry point, say scripts/start.js for WORKERS=N.
	const server = spawn('node', [...nodeArgs, options.script ?? process.env.BUILD ?? 'build'], {
		env: { ...process.env, PORT: String(port), ...options.env },
		stdio: 'ignore'
	});
	const ready = (async () => {
		for (let i = 0; i < 600; i++) {
			try {
				if ((await fetch(`${origin}${options.readyPath ?? '/'}`)).ok) return;
			} catch {
				// not up yet
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error(`the build did not start on ${origin}`);
	})();
	return { ready, pid: server.pid, stop: () => server.kill() };
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** How much history a benchmark seeds: `STATES` and `LOGS` from the environment. */
export interface BenchSizes {
	states: number;
	logs: number;
}

/** The sizes from `STATES` and `LOGS` (defaults 10,000 and 200,000); 1,000 and 1e6 both work. */
export function benchSizes(env: NodeJS.ProcessEnv = process.env): BenchSizes {
	const read = (name: string, fallback: number) => {
		const value = Number((env[name] ?? String(fallback)).replaceAll(/[_,]/g, ''));
		if (!Number.isInteger(value) || value < 1)
			throw new Error(`${name} must be a positive integer`);
		return value;
	};
	return { states: read('STATES', 10_000), logs: read('LOGS', 200_000) };
}

/** "10,000 states + 200,000 logs" */
export const describeSizes = ({ states, logs }: BenchSizes) =>
	`${states.toLocaleString('en')} states + ${logs.toLocaleString('en')} logs`;

/** A card state of the synthetic history (the fields the app's row has). */
export type HistoryState = { cardId: string; [field: string]: unknown };

/**
 * The synthetic history every benchmark seeds, one generator for Node (`writeHistoryBackup`) and
 * the page (`seedLargeHistory`, which runs its source there): `stateCount` card states (the
 * decks' cards first, then synthetic ids), `attemptCount` finished quizzes every 5 days, and
 * `log(n)`, the n-th review over the last year, carrying the state before it as the app writes.
 * It must stay self-contained (no imports, no outer names) for its source to run in the page.
 */
export function historyRows(
	cardIds: readonly string[],
	deckIds: readonly string[],
	stateCount: number,
	attemptCount: number,
	now: number
) {
	const DAY = 86_400_000;
	const states: HistoryState[] = [];
	for (let i = 0; i < stateCount; i++) {
		states.push({
			cardId: cardIds[i] ?? `synthetic-${i}`,
			due: now + ((i % 60) - 10) * DAY,
			stability: 5 + (i % 40),
			difficulty: 5,
			elapsedDays: 3,
			scheduledDays: 10,
			learningSteps: 0,
			reps: 20,
			lapses: i % 3,
			state: i % 7 === 0 ? 1 : i % 11 === 0 ? 3 : 2,
			lastReview: now - DAY,
			lastLogId: `log-${i}`
		});
	}
	const attempts: object[] = [];
	for (let i = 0; i < attemptCount; i++) {
		const finishedAt = now - (attemptCount - i) * 5 * DAY;
		attempts.push({
			id: `attempt-${i}`,
			deckId: deckIds[i % deckIds.length],
			seed: i,
			cardIds: [],
			feedback: 'end',
			passMark: 0.7,
			startedAt: finishedAt - 300_000,
			finishedAt,
			answers: [],
			percent: 40 + ((i * 7) % 60),
			passed: true,
			retryOf: null
		});
	}
	const log = (n: number) => {
		const state = states[n % stateCount]!;
		return {
			id: `log-${n}`,
			cardId: state.cardId,
			rating: 1 + (n % 4),
			reviewedAt: now - (n % 365) * DAY - (n % 1000) * 1000,
			source: n % 10 === 0 ? 'quiz' : 'study',
			previous: { ...state, state: n % 5 === 0 ? 1 : 2 },
			state: 2,
			due: now,
			stability: 10,
			difficulty: 5,
			scheduledDays: 10,
			elapsedDays: 3,
			durationMs: 2000 + (n % 9) * 1000
		};
	};
	return { states, attempts, log };
}

/** Seeds the page's database with `historyRows` (passed as its source: see `seedLargeHistory`). */
async function seedInPage(
	rows: typeof historyRows,
	{ attemptCount, stateCount, logCount }: Record<string, number>
) {
	const all = await (await fetch('/decks/all.json')).json();
	const ids: string[] = all.cards.map((c: { id: string }) => c.id);
	const decks: string[] = (await (await fetch('/decks/index.json')).json()).decks.map(
		(d: { id: string }) => d.id
	);
	const db = await new Promise<IDBDatabase>((resolve, reject) => {
		const r = indexedDB.open('meridian');
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error);
	});
	const put = (store: string, list: object[]) =>
		new Promise<void>((resolve, reject) => {
			const tx = db.transaction(store, 'readwrite');
			for (const row of list) tx.objectStore(store).put(row);
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
	const history = rows(ids, decks, stateCount!, attemptCount!, Date.now());
	await put('cardStates', history.states);
	for (let first = 0; first < logCount!; first += 10_000) {
		const logs: object[] = [];
		for (let n = first; n < Math.min(logCount!, first + 10_000); n++) logs.push(history.log(n));
		await put('reviewLogs', logs);
	}
	await put('quizAttempts', history.attempts);
	db.close();
}

/**
 * Seeds the page's IndexedDB with `sizes.states` card states (default 10,000),
 * `sizes.logs` review logs (default 200,000) and `quizAttempts` finished quizzes of
 * `historyRows`, generated in the browser (passing 200,000 rows over the DevTools protocol would
 * take longer than the benchmark): the generator goes to the page as source text, evaluated over
 * the DevTools protocol as Playwright evaluates any function. The page's context needs
 * `globalThis.__name` (see the benchmarks' init scripts).
 */
export async function seedLargeHistory(
	page: Page,
	quizAttempts = 0,
	sizes: BenchSizes = benchSizes()
): Promise<void> {
	const counts = { attemptCount: quizAttempts, stateCount: sizes.states, logCount: sizes.logs };
	await page.evaluate(`(${seedInPage})(${historyRows}, ${JSON.stringify(counts)})`);
}

/**
 * Browser-side (sent to the page as source text by `barePage`): the floor's review transaction,
 * the same IndexedDB work as a study review with none of the app: get the log and the card's
 * state, then put the state and add the log, resolved on the commit. `options`: the transaction's
 * (say a durability hint).
 */
function floorReview(
	db: IDBDatabase,
	i: number,
	logId: string,
	options?: IDBTransactionOptions
): Promise<void> {
	const row = { stability: 10, difficulty: 5, due: Date.now(), reps: 3, state: 2 };
	return new Promise<void>((resolve, reject) => {
		const tx = db.transaction(['cardStates', 'reviewLogs'], 'readwrite', options);
		const states = tx.objectStore('cardStates');
		const logs = tx.objectStore('reviewLogs');
		let answered = 0;
		const write = () => {
			if (++answered < 2) return;
			states.put({ cardId: `card-${i % 50}`, ...row });
			logs.add({ id: logId, cardId: `card-${i % 50}`, previous: row, ...row });
		};
		logs.get(logId).onsuccess = write;
		states.get(`card-${i % 50}`).onsuccess = write;
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
	});
}

/** Browser-side: a new database with the floor's two stores, and `more` keyed by `key`. */
function floorOpen(name: string, more: string[] = []): Promise<IDBDatabase> {
	const open = indexedDB.open(name, 1);
	open.onupgradeneeded = () => {
		open.result.createObjectStore('cardStates', { keyPath: 'cardId' });
		open.result.createObjectStore('reviewLogs', { keyPath: 'id' });
		for (const store of more) open.result.createObjectStore(store, { keyPath: 'key' });
	};
	return new Promise((resolve, reject) => {
		open.onsuccess = () => resolve(open.result);
		open.onerror = () => reject(open.error);
	});
}

/** What `barePage` puts on the page's `globalThis`, for the benchmarks' `page.evaluate`. */
export interface FloorHelpers {
	floorReview: typeof floorReview;
	floorOpen: typeof floorOpen;
}

/**
 * A page of `url`'s origin with none of the app (an empty document served by the route), holding
 * the floor's helpers (`FloorHelpers`) and tsx's `__name`, which the functions tsx compiles call.
 */
export async function barePage(browser: Browser, url: string): Promise<Page> {
	const page = await browser.newPage();
	await page.addInitScript({
		content: `globalThis.__name = (fn) => fn; globalThis.floorReview = ${floorReview}; globalThis.floorOpen = ${floorOpen};`
	});
	await page.route(url, (route) =>
		route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>floor</title><body>' })
	);
	await page.goto(url);
	return page;
}

/**
 * The floor on a `barePage`: `commits`, the floor's review transaction (`floorReview`) in a new
 * database, and `frames`, a key press to the next frame when the keydown handler only swaps a
 * button (measured as the rating benchmark measures: key press, DOM mutation, next frame).
 */
export async function measureFloor(page: Page, runs = 200) {
	const commits = await page.evaluate(async (count) => {
		const { floorOpen, floorReview } = globalThis as unknown as FloorHelpers;
		const db = await floorOpen(`floor-${Date.now()}`);
		const times: number[] = [];
		for (let i = 0; i < count; i++) {
			const start = performance.now();
			await floorReview(db, i, `log-${i}`);
			times.push(performance.now() - start);
		}
		db.close();
		return times;
	}, runs);
	const frames = await keyToFrame(page, runs, false);
	const committed = await keyToFrame(page, runs, true);
	return { commits, frames, committed };
}

async function keyToFrame(page: Page, runs: number, commit: boolean): Promise<number[]> {
	await page.evaluate(async (withCommit) => {
		const open = indexedDB.open(`floor-keys-${Date.now()}`, 1);
		open.onupgradeneeded = () => {
			open.result.createObjectStore('cardStates', { keyPath: 'cardId' });
			open.result.createObjectStore('reviewLogs', { keyPath: 'id' });
		};
		const db = await new Promise<IDBDatabase>(
			(resolve) => (open.onsuccess = () => resolve(open.result))
		);
		let n = 0;
		const swap = () => {
			const button = document.createElement('button');
			button.className = 'show';
			button.textContent = `Show answer ${n}`;
			document.body.replaceChildren(button);
		};
		document.body.replaceChildren();
		addEventListener('keydown', () => {
			if (!withCommit) return swap();
			const i = n++;
			const tx = db.transaction(['cardStates', 'reviewLogs'], 'readwrite');
			const states = tx.objectStore('cardStates');
			const logs = tx.objectStore('reviewLogs');
			const row = { stability: 10, difficulty: 5, due: Date.now(), reps: 3, state: 2 };
			let answered = 0;
			const write = () => {
				if (++answered < 2) return;
				states.put({ cardId: `card-${i % 50}`, ...row });
				logs.add({ id: `log-${i}`, cardId: `card-${i % 50}`, previous: row, ...row });
			};
			logs.get(`log-${i}`).onsuccess = write;
			states.get(`card-${i % 50}`).onsuccess = write;
			tx.oncomplete = swap;
		});
	}, commit);
	const frames: number[] = [];
	for (let i = 0; i < runs; i++) {
		await page.evaluate(() => {
			(window as Window & { __frame?: Promise<number> }).__frame = new Promise((resolve) => {
				let pressed = 0;
				addEventListener('keydown', (e) => (pressed = e.timeStamp), { once: true, capture: true });
				const observer = new MutationObserver(() => {
					if (!pressed) return;
					observer.disconnect();
					requestAnimationFrame(() => resolve(performance.now() - pressed));
				});
				observer.observe(document.body, { childList: true, subtree: true });
			});
		});
		await page.keyboard.press('3');
		frames.push(
			await page.evaluate(() => (window as Window & { __frame?: Promise<number> }).__frame ?? 0)
		);
	}
	return frames;
}
