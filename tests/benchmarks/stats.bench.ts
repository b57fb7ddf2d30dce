// Statistics benchmark in headless Chromium against the production build:
//   npm run build && npx tsx tests/benchmarks/stats.bench.ts
// With 10,000 card states, 200,000 review log entries spread over the last year and 60 quiz
// attempts (`STATES` and `LOGS` change the sizes): opening /stats until every chart is rendered
// (a document load, and a tap on "Stats" in home's navigation bar),
// then, on the same history, home's counts and knowledge strip and the reader's knowledge map
// (`meridian:home-counts` and `meridian:knowledge-map`). `BENCH_PORT` moves the port, `RUNS` sets
// the runs of each (9). The history is seeded through the app's own backup import, which writes the per-day summaries
// /stats reads in the same transaction as the log. Figures go into docs/benchmarks.md.
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import { importHistory } from './backup-file';
import { benchSizes, describeSizes, percentile, serveBuild } from './harness';
import { lastMeasure, statsFromTap, statsRendered, statsPaintWatch } from './measures';

const PORT = Number(process.env.BENCH_PORT ?? 4391);
const BASE = `http://localhost:${PORT}`;
const RUNS = Number(process.env.RUNS ?? 9);

const server = serveBuild(BASE, PORT);

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

try {
	await server.ready;
	const browser = await chromium.launch(chromiumLaunchOptions);
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	// tsx keeps function names with an `__name` helper that the page does not have.
	await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
	await context.addInitScript({ content: statsPaintWatch });
	const page = await context.newPage();
	await page.goto(`${BASE}/stats`);
	await page.getByText('No reviews yet').waitFor();
	const sizes = benchSizes();
	const imported = await importHistory(page, BASE, sizes, 60);
	// The summaries are the log's: the same counts, recomputed in the page from every log row.
	const consistent = await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const r = indexedDB.open('meridian');
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(r.error);
		});
		const all = <T>(store: string) =>
			new Promise<T[]>((resolve, reject) => {
				const r = db.transaction(store).objectStore(store).getAll();
				r.onsuccess = () => resolve(r.result as T[]);
				r.onerror = () => reject(r.error);
			});
		// Whatever the rows' shape: each quarter hour's row counts its reviews, a card's row none.
		const summaries = await all<{ reviews?: number }>('daySummaries');
		const logs = await new Promise<number>((resolve) => {
			const r = db.transaction('reviewLogs').objectStore('reviewLogs').count();
			r.onsuccess = () => resolve(r.result);
		});
		db.close();
		return { summarised: summaries.reduce((n, s) => n + (s.reviews ?? 0), 0), logs };
	});
	if (consistent.summarised !== consistent.logs) {
		throw new Error(`summaries count ${consistent.summarised} reviews, the log ${consistent.logs}`);
	}
	const render: number[] = [];
	const navigation: number[] = [];
	const read: number[] = [];
	const aggregate: number[] = [];
	const paint: number[] = [];
	const painted: number[] = [];
	const beforeRead: number[] = [];
	const afterRead: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		await page.goto(`${BASE}/stats`);
		const times = await statsRendered(page);
		await page.getByText('Quiz scores').waitFor();
		render.push(times.render);
		navigation.push(times.fromNavigation);
		read.push(times.read);
		aggregate.push(times.aggregate);
		paint.push(times.paint);
		painted.push(times.painted);
		beforeRead.push(times.beforeRead);
		afterRead.push(times.afterRead);
	}
	// The way a student opens it: a tap on "Stats" in home's navigation bar, once home has settled.
	const tapped: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		await page.goto(BASE);
		await lastMeasure(page, 'knowledge-map');
		await page.waitForTimeout(300);
		tapped.push(await statsFromTap(page));
	}
	// A year of history at phone size, to look at.
	await page.screenshot({ path: 'tests/screenshots/stats-large-phone.png', fullPage: true });
	// Home and the reader on the same history: they must not grow with the log either.
	await page.evaluate(() => localStorage.setItem('meridian:essay-knowledge-map', 'on'));
	const homeCounts: number[] = [];
	const homeStrip: number[] = [];
	const readerMap: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		await page.goto(BASE);
		homeCounts.push(await lastMeasure(page, 'home-counts'));
		homeStrip.push(await lastMeasure(page, 'knowledge-map'));
		await page.goto(`${BASE}/essay`);
		readerMap.push(await lastMeasure(page, 'knowledge-map'));
	}
	const line = (label: string, v: number[]) =>
		`${label}: median ${fmt(percentile(v, 50))}, p95 ${fmt(percentile(v, 95))} (runs: ${v.map(fmt).join(', ')})`;
	console.log(`${describeSizes(sizes)} + 60 quiz attempts, /stats at 360 x 740:`);
	console.log(
		`  seeded by importing a backup: ${(imported / 1000).toFixed(1)} s; summaries count ${consistent.summarised} reviews, the log ${consistent.logs}`
	);
	console.log(line('  read, aggregate and render (stats-render)', render));
	console.log(line('    of which reading IndexedDB (stats-read)', read));
	console.log(line('    of which aggregating (stats-aggregate)', aggregate));
	console.log(line('  navigation start -> every chart rendered', navigation));
	console.log(line('  navigation start -> the frame with every chart drawn', painted));
	console.log(line('  a tap on "Stats" in home -> the frame with every chart drawn', tapped));
	console.log(line('    navigation -> first paint (the prerendered frame)', paint));
	console.log(line('    navigation -> the read starts', beforeRead));
	console.log(line('    the read ends -> every chart rendered', afterRead));
	console.log(line('  home counts (home-counts)', homeCounts));
	console.log(line('  home knowledge strip (knowledge-map)', homeStrip));
	console.log(line('  reader knowledge map (knowledge-map)', readerMap));
	await browser.close();
} finally {
	server.stop();
}
