// The scaling table of issue 18 in headless Chromium (360 x 740) against the production build:
//   npm run build && npx tsx tests/benchmarks/scale.bench.ts
// For each size in `SIZES` (states x logs, default 1,000 / 10,000 / 50,000 states with 200,000
// and 1,000,000 review logs), in a fresh browser context: the floor (a bare page doing the
// review's transaction, and key -> next frame with no work), the history imported through
// Settings' "Import backup" (which writes the log and its summaries as the app keeps them), then
// /stats (navigation -> the frame with every chart drawn, and the same from a tap on "Stats" in
// home's navigation bar), home's counts and knowledge strip, the reader's map,
// rating cards until the next one is on screen, committed, and exporting the history.
// `RUNS` (5) sets the runs of each page measure, `RATINGS` (30) the ratings, `EXPORTS` (2) the
// exports, `BENCH_PORT` (4396) the port. Prints a line per measure and, at the end, the
// markdown table that goes into docs/benchmarks.md.
import { chromium, type Browser } from '@playwright/test';
import { statSync } from 'node:fs';
import { chromiumLaunchOptions } from '../chromium';
import { importHistory } from './backup-file';
import { benchSizes, describeSizes, percentile, serveBuild, type BenchSizes } from './harness';
import {
	bareFloor,
	lastMeasure,
	rateOnce,
	statsFromTap,
	statsRendered,
	statsPaintWatch
} from './measures';

const PORT = Number(process.env.BENCH_PORT ?? 4396);
const BASE = `http://localhost:${PORT}`;
const RUNS = Number(process.env.RUNS ?? 5);
const RATINGS = Number(process.env.RATINGS ?? 30);
const EXPORTS = Number(process.env.EXPORTS ?? 2);
const ATTEMPTS = 60;

/** `SIZES="1000x200000 10000x1e6"`: each `states x logs`, read as `benchSizes` reads them. */
function sizesFromEnv(text = process.env.SIZES): BenchSizes[] {
	const list =
		text ?? '1000x200000 10000x200000 50000x200000 1000x1000000 10000x1000000 50000x1000000';
	return list
		.split(/\s+/)
		.filter(Boolean)
		.map((pair) => {
			const [states, logs] = pair.split('x');
			return benchSizes({ STATES: states, LOGS: logs });
		});
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const spread = (v: number[]) => `${ms(percentile(v, 50))} / ${ms(percentile(v, 95))}`;

interface Row {
	sizes: BenchSizes;
	floorCommit: number[];
	floorFrame: number[];
	seconds: { imported: number; exported: number[]; megabytes: number };
	stats: number[];
	statsTap: number[];
	home: number[];
	strip: number[];
	reader: number[];
	rate: number[];
	commit: number[];
}

async function measureSize(browser: Browser, sizes: BenchSizes): Promise<Row> {
	const floor = await bareFloor(browser, BASE, 100);
	const context = await browser.newContext({
		viewport: { width: 360, height: 740 },
		acceptDownloads: true
	});
	// tsx keeps function names with an `__name` helper that the page does not have.
	await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
	await context.addInitScript({ content: statsPaintWatch });
	const page = await context.newPage();
	const imported = await importHistory(page, BASE, sizes, ATTEMPTS);
	const stats: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		await page.goto(`${BASE}/stats`);
		stats.push((await statsRendered(page)).painted);
		await page.getByText('Quiz scores').waitFor();
	}
	// The way a student opens it: a tap on "Stats" in home's navigation bar, once home has settled.
	const statsTap: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		await page.goto(BASE);
		await lastMeasure(page, 'knowledge-map');
		await page.waitForTimeout(300);
		statsTap.push(await statsFromTap(page));
	}
	await page.evaluate(() => localStorage.setItem('meridian:essay-knowledge-map', 'on'));
	const home: number[] = [];
	const strip: number[] = [];
	const reader: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		await page.goto(BASE);
		home.push(await lastMeasure(page, 'home-counts'));
		strip.push(await lastMeasure(page, 'knowledge-map'));
		await page.goto(`${BASE}/essay`);
		reader.push(await lastMeasure(page, 'knowledge-map'));
	}
	await page.goto(`${BASE}/study/all`);
	const rate: number[] = [];
	for (let i = 0; i < RATINGS; i++) rate.push(await rateOnce(page));
	const commit = await page.evaluate(() =>
		performance.getEntriesByName('meridian:review-commit').map((e) => e.duration)
	);
	const exported: number[] = [];
	let megabytes = 0;
	for (let run = 0; run < EXPORTS; run++) {
		await page.goto(`${BASE}/settings`);
		await page.getByText(/Storage is/).waitFor();
		const [download] = await Promise.all([
			page.waitForEvent('download', { timeout: 600_000 }),
			page.getByRole('button', { name: 'Export backup' }).click()
		]);
		megabytes = statSync(await download.path()).size / 1024 / 1024;
		exported.push(await lastMeasure(page, 'export'));
	}
	await context.close();
	return {
		sizes,
		floorCommit: floor.commits,
		floorFrame: floor.frames,
		seconds: { imported, exported, megabytes },
		stats,
		statsTap,
		home,
		strip,
		reader,
		rate,
		commit
	};
}

function print(row: Row) {
	console.log(`${describeSizes(row.sizes)} + ${ATTEMPTS} quiz attempts (median / p95):`);
	console.log(`  floor: the review's transaction in a bare page ${spread(row.floorCommit)}`);
	console.log(`  floor: key -> next frame, no work ${spread(row.floorFrame)}`);
	console.log(`  import ${(row.seconds.imported / 1000).toFixed(1)} s`);
	console.log(`  /stats: navigation -> the frame with every chart drawn ${spread(row.stats)}`);
	console.log(`  /stats: a tap on "Stats" in home -> every chart drawn ${spread(row.statsTap)}`);
	console.log(`  home counts ${spread(row.home)}`);
	console.log(`  home knowledge strip ${spread(row.strip)}`);
	console.log(`  reader knowledge map ${spread(row.reader)}`);
	console.log(`  rate -> next card on screen, committed ${spread(row.rate)} (${RATINGS} ratings)`);
	console.log(`    of which the transaction (review-commit) ${spread(row.commit)}`);
	console.log(
		`  export ${row.seconds.exported.map((v) => `${(v / 1000).toFixed(2)} s`).join(', ')} (${row.seconds.megabytes.toFixed(1)} MB gzip)`
	);
}

function table(rows: Row[]) {
	const head = (r: Row) =>
		`${r.sizes.states.toLocaleString('en')} / ${r.sizes.logs.toLocaleString('en')}`;
	const lines = [
		`| median / p95 (states / logs) | ${rows.map(head).join(' | ')} |`,
		`| --- | ${rows.map(() => '---').join(' | ')} |`
	];
	const add = (label: string, cell: (r: Row) => string) =>
		lines.push(`| ${label} | ${rows.map(cell).join(' | ')} |`);
	add('floor: bare transaction', (r) => spread(r.floorCommit));
	add('floor: key -> next frame', (r) => spread(r.floorFrame));
	add('rate -> next card, committed', (r) => spread(r.rate));
	add('of which the transaction', (r) => spread(r.commit));
	add('/stats: navigation -> charts painted', (r) => spread(r.stats));
	add('/stats: tap on "Stats" in home -> charts painted', (r) => spread(r.statsTap));
	add('home counts', (r) => spread(r.home));
	add('home knowledge strip', (r) => spread(r.strip));
	add('reader knowledge map', (r) => spread(r.reader));
	add('export (median)', (r) => `${(percentile(r.seconds.exported, 50) / 1000).toFixed(2)} s`);
	add('export file', (r) => `${r.seconds.megabytes.toFixed(1)} MB`);
	add('import', (r) => `${(r.seconds.imported / 1000).toFixed(1)} s`);
	console.log(lines.join('\n'));
}

const server = serveBuild(BASE, PORT);
try {
	await server.ready;
	const browser = await chromium.launch(chromiumLaunchOptions);
	const rows: Row[] = [];
	for (const sizes of sizesFromEnv()) {
		const row = await measureSize(browser, sizes);
		print(row);
		rows.push(row);
	}
	table(rows);
	await browser.close();
} finally {
	server.stop();
}
