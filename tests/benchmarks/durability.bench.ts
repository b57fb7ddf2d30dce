// The readwrite transaction's durability hint in this Chromium, in a bare page: the floor's review
// transaction (two gets, a put, an add) with no hint (what the app does), "relaxed" and "strict",
// taken in turn so that the three share the same load:
//   RUNS=200 npx tsx tests/benchmarks/durability.bench.ts
// Prints each hint's commit time and what `IDBTransaction.durability` says for no hint.
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import { percentile } from './harness';

const RUNS = Number(process.env.RUNS ?? 200);
const ORIGIN = 'http://durability.localhost';

const browser = await chromium.launch(chromiumLaunchOptions);
try {
	const page = await browser.newPage();
	// tsx keeps function names with an `__name` helper that the page does not have.
	await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
	await page.route(`${ORIGIN}/`, (route) =>
		route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>durability</title>' })
	);
	await page.goto(`${ORIGIN}/`);
	const result = await page.evaluate(async (count) => {
		const open = indexedDB.open('durability', 1);
		open.onupgradeneeded = () => {
			open.result.createObjectStore('cardStates', { keyPath: 'cardId' });
			open.result.createObjectStore('reviewLogs', { keyPath: 'id' });
		};
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const hints = ['none', 'relaxed', 'strict'] as const;
		const times: Record<(typeof hints)[number], number[]> = { none: [], relaxed: [], strict: [] };
		const row = { stability: 10, difficulty: 5, due: Date.now(), reps: 3, state: 2 };
		let reported = '';
		for (let i = 0; i < count * hints.length; i++) {
			const hint = hints[i % hints.length]!;
			const start = performance.now();
			await new Promise<void>((resolve, reject) => {
				const tx =
					hint === 'none'
						? db.transaction(['cardStates', 'reviewLogs'], 'readwrite')
						: db.transaction(['cardStates', 'reviewLogs'], 'readwrite', { durability: hint });
				if (hint === 'none') reported = tx.durability;
				const states = tx.objectStore('cardStates');
				const logs = tx.objectStore('reviewLogs');
				let answered = 0;
				const write = () => {
					if (++answered < 2) return;
					states.put({ cardId: `card-${i % 50}`, ...row });
					logs.add({ id: `log-${i}`, cardId: `card-${i % 50}`, previous: row, ...row });
				};
				logs.get(`log-${i}`).onsuccess = write;
				states.get(`card-${i % 50}`).onsuccess = write;
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
			times[hint].push(performance.now() - start);
		}
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
