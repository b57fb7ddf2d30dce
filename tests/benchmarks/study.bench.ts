// Study benchmarks in headless Chromium against the production build:
//   STATES=10000 LOGS=200000 npx tsx tests/benchmarks/study.bench.ts
// 0. The floor, in a bare page of the same origin: the review's IndexedDB transaction alone, a
//    key press to the next frame, and a key press to the next frame after that transaction.
// 1. Rating a card until the next card is on screen, committed to IndexedDB: 200 reviews.
// 2. With STATES card states and LOGS review log entries (defaults 10,000 and 200,000): home's
//    counts, opening a session and exporting the history. Figures go into docs/benchmarks.md.
// SKIP_RATE=1 or SKIP_LARGE=1 leave out part 1 or 2; BENCH_PORT sets the port (4390).
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import { benchSizes, describeSizes, percentile, seedLargeHistory, serveBuild } from './harness';
import { bareFloor, lastMeasure, rateOnce } from './measures';

const PORT = Number(process.env.BENCH_PORT ?? 4390);
const sizes = benchSizes();
const BASE = `http://localhost:${PORT}`;

const server = serveBuild(BASE, PORT);

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function rateLatency(browser: Browser) {
	const page = await browser.newPage();
	await page.goto(`${BASE}/settings`);
	await page.getByText(/Storage is/).waitFor(); // hydrated, settings loaded
	await page.getByLabel('New cards per day').fill('500');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Settings saved.').waitFor();
	await page.goto(`${BASE}/study/all`);
	const times: number[] = [];
	// Whether the service worker was still installing (the first visit's precache of the whole
	// app, which shares the two cores and the storage backend) as each rating began.
	const installing: boolean[] = [];
	for (let i = 0; i < 200; i++) {
		installing.push(
			await page.evaluate(async () => {
				const registration = await navigator.serviceWorker.getRegistration();
				return !registration?.active || !!registration.installing;
			})
		);
		times.push(await rateOnce(page));
	}
	const commits = await page.evaluate(() =>
		performance.getEntriesByName('meridian:review-commit').map((e) => e.duration)
	);
	await page.close();
	return { times, commits, installing };
}

async function largeHistory(browser: Browser) {
	const context = await browser.newContext({ acceptDownloads: true });
	// tsx keeps function names with an `__name` helper that the page does not have.
	await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
	const page = await context.newPage();
	await page.goto(BASE);
	await page.getByTestId('counts-all').waitFor();
	await seedLargeHistory(page, 0, sizes);
	const results: Record<'home' | 'open' | 'exported', number[]> = {
		home: [],
		open: [],
		exported: []
	};
	for (let run = 0; run < 5; run++) {
		await page.goto(BASE);
		results.home.push(await lastMeasure(page, 'home-counts'));
		await page.goto(`${BASE}/study/all`);
		results.open.push(await lastMeasure(page, 'study-open'));
	}
	for (let run = 0; run < 3; run++) {
		await page.goto(`${BASE}/settings`);
		await page.getByText(/Storage is/).waitFor();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Export backup' }).click()
		]);
		await download.path();
		results.exported.push(await lastMeasure(page, 'export'));
	}
	await context.close();
	return results;
}

const spread = (v: number[]) =>
	`median ${fmt(percentile(v, 50))}, p95 ${fmt(percentile(v, 95))}, max ${fmt(Math.max(...v))}`;

try {
	await server.ready;
	const browser = await chromium.launch(chromiumLaunchOptions);
	const bare = await bareFloor(browser, BASE);
	console.log(`Floor: the review's transaction in a bare page: ${spread(bare.commits)}`);
	console.log(`Floor: key -> next frame, no work: ${spread(bare.frames)}`);
	console.log(`Floor: key -> transaction committed -> next frame: ${spread(bare.committed)}`);
	if (process.env.SKIP_RATE !== '1') await rating(browser);
	if (process.env.SKIP_LARGE !== '1') await large(browser);
	await browser.close();
} finally {
	server.stop();
}

async function rating(browser: Browser) {
	const { times, commits, installing } = await rateLatency(browser);
	console.log(
		`Rate -> next card on screen, 200 reviews: median ${fmt(percentile(times, 50))}, p95 ${fmt(percentile(times, 95))}, max ${fmt(Math.max(...times))}`
	);
	console.log(
		`  of which the IndexedDB transaction (read, write, commit): median ${fmt(percentile(commits, 50))}, p95 ${fmt(percentile(commits, 95))}`
	);
	const during = times.filter((_, i) => installing[i]);
	const after = times.filter((_, i) => !installing[i]);
	if (during.length > 0)
		console.log(`  ${during.length} while the service worker installed: ${spread(during)}`);
	console.log(`  ${after.length} once it was installed: ${spread(after)}`);
}

async function large(browser: Browser) {
	const large = await largeHistory(browser);
	const median = (v: number[]) => fmt(percentile(v, 50));
	const label = describeSizes(sizes);
	console.log(
		`${label}: home counts median ${median(large.home)} (runs: ${large.home.map(fmt).join(', ')})`
	);
	console.log(
		`${label}: open study session median ${median(large.open)} (runs: ${large.open.map(fmt).join(', ')})`
	);
	console.log(
		`${label}: export median ${median(large.exported)} (runs: ${large.exported.map(fmt).join(', ')})`
	);
}
