// The readwrite transaction's durability hint in this Chromium, in a bare page: the floor's review
// transaction (two gets, a put, an add) with no hint (what the app does), "relaxed" and "strict",
// taken in turn so that the three share the same load:
//   RUNS=200 npx tsx tests/benchmarks/durability.bench.ts
// Prints each hint's commit time and what `IDBTransaction.durability` says for no hint.
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import { barePage, percentile, type FloorHelpers } from './harness';

const RUNS = Number(process.env.RUNS ?? 200);
const ORIGIN = 'http://durability.localhost';

const browser = await chromium.launch(chromiumLaunchOptions);
try {
	const page = await barePage(browser, `${ORIGIN}/`);
	const result = await page.evaluate(async (count) => {
		const { floorOpen, floorReview } = globalThis as unknown as FloorHelpers;
		const db = await floorOpen('durability');
		const hints = ['none', 'relaxed', 'strict'] as const;
		const times: Record<(typeof hints)[number], number[]> = { none: [], relaxed: [], strict: [] };
		for (let i = 0; i < count * hints.length; i++) {
			const hint = hints[i % hints.length]!;
			const start = performance.now();
			await floorReview(db, i, `log-${i}`, hint === 'none' ? undefined : { durability: hint });
			times[hint].push(performance.now() - start);
		}
		const reported = db.transaction('cardStates', 'readwrite').durability;
		db.close();
		return { times, reported, agent: navigator.userAgent };
	}, RUNS);
	console.log(`${result.agent}; durability reported with no hint: "${result.reported}"`);
	for (const [hint, times] of Object.entries(result.times))
		console.log(
			`${hint.padEnd(8)} commit: median ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms (${times.length} transactions)`
		);
} finally {
	await browser.close();
}
