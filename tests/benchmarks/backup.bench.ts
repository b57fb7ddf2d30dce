// Backup export and import benchmark in headless Chromium against the production build:
//   npm run build && npx tsx tests/benchmarks/backup.bench.ts
// `STATES` and `LOGS` set the history's size (defaults 10,000 and 200,000). The history is
// imported once through Settings' "Import backup" (a streamed gzip file written in Node), then
// exported through "Export backup" RUNS times, and the last exported file is imported into another
// fresh browser (the app's own format, as a student's backup comes back). Times are the app's `meridian:import` and
// `meridian:export` measures (choosing the file or pressing the button -> the outcome announced);
// the main thread is watched meanwhile (a 50 ms timer's worst lateness, Chromium's long tasks).
// A million reviews run unattended too (`STATES=10000 LOGS=1000000 RUNS=1`: the history file is
// written as a stream, and every wait grows with LOGS); it prints the export's time and the
// outcome of importing the exported file.
import { chromium, type Page } from '@playwright/test';
import { statSync } from 'node:fs';
import { chromiumLaunchOptions } from '../chromium';
import { importHistory, patienceFor } from './backup-file';
import { benchSizes, describeSizes, percentile, serveBuild } from './harness';

const PORT = Number(process.env.BENCH_PORT ?? 4394);
const BASE = `http://localhost:${PORT}`;
const RUNS = Number(process.env.RUNS ?? 3);
const server = serveBuild(BASE, PORT);
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

function watch(page: Page) {
	return page.evaluate(() => {
		const w = window as unknown as { __watch: { late: number; longest: number } };
		w.__watch = { late: 0, longest: 0 };
		let expected = performance.now() + 50;
		setInterval(() => {
			const now = performance.now();
			w.__watch.late = Math.max(w.__watch.late, now - expected);
			expected = now + 50;
		}, 50);
		new PerformanceObserver((list) => {
			for (const e of list.getEntries())
				w.__watch.longest = Math.max(w.__watch.longest, e.duration);
		}).observe({ type: 'longtask' });
	});
}
const watched = (page: Page) =>
	page.evaluate(
		() => (window as unknown as { __watch: { late: number; longest: number } }).__watch
	);

try {
	await server.ready;
	const sizes = benchSizes();
	const browser = await chromium.launch(chromiumLaunchOptions);
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
	const page = await context.newPage();
	await page.goto(`${BASE}/settings`);
	await page.getByText(/Storage is/).waitFor();
	await watch(page);
	const imported = await importHistory(page, BASE, sizes, 60);
	console.log(`${describeSizes(sizes)} + 60 quiz attempts:`);
	console.log(`  import (fresh browser): ${fmt(imported)}`);
	const exported: number[] = [];
	const late: number[] = [];
	const longest: number[] = [];
	let size = 0;
	let file = '';
	for (let run = 0; run < RUNS; run++) {
		await page.goto(`${BASE}/settings`);
		await page.getByText(/Storage is/).waitFor();
		await watch(page);
		const [download] = await Promise.all([
			page.waitForEvent('download', { timeout: patienceFor(sizes.logs) }),
			page.getByRole('button', { name: 'Export backup' }).click()
		]);
		file = await download.path();
		size = statSync(file).size;
		await page
			.getByRole('status')
			.filter({ hasText: /^Exported/ })
			.waitFor({ timeout: patienceFor(sizes.logs) });
		exported.push(
			await page.evaluate(() => performance.getEntriesByName('meridian:export').at(-1)!.duration)
		);
		const w = await watched(page);
		late.push(w.late);
		longest.push(w.longest);
	}
	const line = (label: string, v: number[]) =>
		`${label}: median ${fmt(percentile(v, 50))}, max ${fmt(Math.max(...v))} (runs: ${v.map(fmt).join(', ')})`;
	console.log(line('  export', exported));
	console.log(line('  export: worst timer lateness', late));
	console.log(line('  export: longest task', longest));
	console.log(`  file: ${(size / 1024 / 1024).toFixed(1)} MB gzip`);
	const fresh = await browser.newContext({ viewport: { width: 360, height: 740 } });
	await fresh.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
	const other = await fresh.newPage();
	await other.goto(`${BASE}/settings`);
	await other.getByText(/Storage is/).waitFor();
	await watch(other);
	await other.getByLabel('Import backup').setInputFiles(file);
	const outcome = other.getByRole('status').filter({ hasText: /^Imported: / });
	await outcome.waitFor({ timeout: patienceFor(sizes.logs) });
	const back = await other.evaluate(
		() => performance.getEntriesByName('meridian:import').at(-1)!.duration
	);
	const w = await watched(other);
	console.log(
		`  import of the exported file (fresh browser): ${fmt(back)}, worst timer lateness ${fmt(w.late)}, longest task ${fmt(w.longest)}`
	);
	console.log(`  import outcome: ${await outcome.textContent()}`);
	await browser.close();
} finally {
	server.stop();
}
