// Statistics benchmark in headless Chromium against the production build:
//   npm run build && npx tsx tests/benchmarks/stats.bench.ts
// With 10,000 card states, 200,000 review log entries spread over the last year and 60 quiz
// attempts: opening /stats until every chart is rendered. Figures go into docs/benchmarks.md.
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import { percentile, serveBuild } from './harness';

const PORT = 4391;
const BASE = `http://localhost:${PORT}`;
const RUNS = 9;

const server = serveBuild(BASE, PORT);

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Rows shaped as the app writes them: every log carries the state before it, as real ones do. */
async function seed(page: Page) {
	await page.evaluate(async () => {
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
		for (let i = 0; i < 60; i++) {
			const finishedAt = now - (60 - i) * 5 * DAY;
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
	});
}

/** The stats-render measure: its duration, and its end counted from the navigation's start. */
async function rendered(page: Page) {
	return page.evaluate(async () => {
		for (let i = 0; i < 400; i++) {
			const entry = performance.getEntriesByName('meridian:stats-render').at(-1);
			const last = (name: string) =>
				performance.getEntriesByName(`meridian:${name}`).at(-1)?.duration ?? NaN;
			if (entry) {
				return {
					render: entry.duration,
					fromNavigation: entry.startTime + entry.duration,
					read: last('stats-read'),
					aggregate: last('stats-aggregate')
				};
			}
			await new Promise((r) => setTimeout(r, 25));
		}
		throw new Error('no measure meridian:stats-render');
	});
}

try {
	await server.ready;
	const browser = await chromium.launch(chromiumLaunchOptions);
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	// tsx keeps function names with an `__name` helper that the page does not have.
	await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
	const page = await context.newPage();
	await page.goto(`${BASE}/stats`);
	await page.getByText('No reviews yet').waitFor();
	await seed(page);
	const render: number[] = [];
	const navigation: number[] = [];
	const read: number[] = [];
	const aggregate: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		await page.goto(`${BASE}/stats`);
		const times = await rendered(page);
		await page.getByText('Quiz scores').waitFor();
		render.push(times.render);
		navigation.push(times.fromNavigation);
		read.push(times.read);
		aggregate.push(times.aggregate);
	}
	// A year of history at phone size, to look at.
	await page.screenshot({ path: 'tests/screenshots/stats-large-phone.png', fullPage: true });
	const line = (label: string, v: number[]) =>
		`${label}: median ${fmt(percentile(v, 50))}, p95 ${fmt(percentile(v, 95))} (runs: ${v.map(fmt).join(', ')})`;
	console.log('10,000 states + 200,000 logs + 60 quiz attempts, /stats at 360 x 740:');
	console.log(line('  read, aggregate and render (stats-render)', render));
	console.log(line('    of which reading IndexedDB (stats-read)', read));
	console.log(line('    of which aggregating (stats-aggregate)', aggregate));
	console.log(line('  navigation start -> every chart rendered', navigation));
	await browser.close();
} finally {
	server.stop();
}
