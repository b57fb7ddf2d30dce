// What every benchmark script shares: the production build served on its own port, and
// percentiles. Benchmarks are scripts run with `npx tsx`, not tests.
import type { Page } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface BenchServer {
	/** Resolves once the server answers `readyPath` (waiting up to a minute: a loaded machine). */
	ready: Promise<void>;
	stop(): void;
}

/**
 * Serves `build` (building it first when there is none) with `node build` on `port`, or with
 * `node <script>` when given.
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
	const server = spawn('node', [...nodeArgs, options.script ?? 'build'], {
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
	return { ready, stop: () => server.kill() };
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * Seeds the page's IndexedDB with 10,000 card states (the deck's real cards first, then synthetic
 * ids), 200,000 review logs over the last year and `quizAttempts` finished quizzes, written in the
 * browser (passing 200,000 rows over the DevTools protocol would take longer than the benchmark).
 * Rows are shaped as the app writes them: every log carries the state before it. The page's
 * context needs `globalThis.__name` (see the benchmarks' init scripts).
 */
export async function seedLargeHistory(page: Page, quizAttempts = 0): Promise<void> {
	await page.evaluate(async (attemptCount) => {
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
		const now = Date.now();
		const DAY = 86_400_000;
		const put = (store: string, rows: object[]) =>
			new Promise<void>((resolve, reject) => {
				const tx = db.transaction(store, 'readwrite');
				for (const row of rows) tx.objectStore(store).put(row);
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
		const states: { cardId: string; [field: string]: unknown }[] = [];
		for (let i = 0; i < 10_000; i++) {
			states.push({
				cardId: ids[i] ?? `synthetic-${i}`,
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
		await put('cardStates', states);
		for (let batch = 0; batch < 20; batch++) {
			const logs: object[] = [];
			for (let j = 0; j < 10_000; j++) {
				const n = batch * 10_000 + j;
				const state = states[n % 10_000]!;
				logs.push({
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
				});
			}
			await put('reviewLogs', logs);
		}
		const attempts: object[] = [];
		for (let i = 0; i < attemptCount; i++) {
			const finishedAt = now - (attemptCount - i) * 5 * DAY;
			attempts.push({
				id: `attempt-${i}`,
				deckId: decks[i % decks.length],
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
		await put('quizAttempts', attempts);
		db.close();
	}, quizAttempts);
}
