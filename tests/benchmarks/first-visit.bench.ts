// What a first visit downloads, the page and its service worker's precache together:
//   npx tsx tests/benchmarks/first-visit.bench.ts [path...]   (default: / and /decks/history)
// Opens each path in a fresh browser context, waits until the service worker has installed the
// whole precache, then lists every URL both the page and the worker requested, with the bytes
// each transferred (Resource Timing `transferSize`: a 304 revalidation is a few hundred bytes of
// headers, a second download the whole body again). Figures go into docs/benchmarks.md.
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import { serveBuild } from './harness';

const PORT = Number(process.env.BENCH_PORT ?? 4393);
const BASE = `http://localhost:${PORT}`;
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/', '/decks/history'];
const server = serveBuild(BASE, PORT);

type Entry = { url: string; transferSize: number };
const read = () =>
	(
		[
			...performance.getEntriesByType('navigation'),
			...performance.getEntriesByType('resource')
		] as PerformanceResourceTiming[]
	).map((e) => ({
		url: e.name,
		transferSize: e.transferSize
	}));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

try {
	await server.ready;
	const browser = await chromium.launch(chromiumLaunchOptions);
	for (const path of paths) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(`${BASE}${path}`);
		const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
		// Installed: the precache is complete once the worker controls the page.
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
			timeout: 60_000
		});
		const pageEntries: Entry[] = await page.evaluate(read);
		const workerEntries: Entry[] = await worker.evaluate(read);
		const byPage = new Map(pageEntries.map((e) => [e.url.split('#')[0]!, e.transferSize]));
		// More than a revalidation's headers: the body came down a second time.
		const twice = workerEntries.filter((e) => byPage.has(e.url) && e.transferSize > 1024);
		const pageBytes = [...byPage.values()].reduce((a, b) => a + b, 0);
		const workerBytes = workerEntries.reduce((a, e) => a + e.transferSize, 0);
		console.log(
			`${path}: page ${byPage.size} requests ${kb(pageBytes)}, service worker ${workerEntries.length} requests ${kb(workerBytes)}`
		);
		const again = twice.reduce((a, e) => a + e.transferSize, 0);
		console.log(`  downloaded by both: ${twice.length} files, ${kb(again)} again`);
		for (const e of twice) {
			console.log(
				`  both: ${e.url.slice(BASE.length)}  page ${kb(byPage.get(e.url) ?? 0)}, worker ${kb(e.transferSize)}`
			);
		}
		await context.close();
	}
	await browser.close();
} finally {
	server.stop();
}
