// The study review's transaction as Meridian makes it, in a bare page (no app code, no idb
// wrapper), against the floor's smaller one, taken in turn so that all share the same load:
//   RUNS=200 npx tsx tests/benchmarks/review-shape.bench.ts
// floor: two stores, two gets then a put and an add (harness.ts' floorReview);
// meridian8raw: the app's four stores, three gets (the card's state, two summary rows) then five
//   writes (state put, log add, logChunks range delete, two summary puts), no listeners on them;
// meridian8listen: the same with success and error listeners on every request, as idb adds;
// meridian9listen: that plus the read of the log id (what main does before each study review).
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import { barePage, percentile, type FloorHelpers } from './harness';
const ORIGIN = 'http://shape.localhost';
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await barePage(browser, `${ORIGIN}/`);
const out = await page.evaluate(
	async (count) => {
		const { floorOpen, floorReview } = globalThis as unknown as FloorHelpers;
		const db = await floorOpen('shape', ['daySummaries', 'logChunks']);
		const variants = ['floor', 'meridian8raw', 'meridian8listen', 'meridian9listen'] as const;
		const times: Record<string, number[]> = {};
		for (const v of variants) times[v] = [];
		const row = { stability: 10, difficulty: 5, due: Date.now(), reps: 3, state: 2 };
		const listen = (r: IDBRequest, on: boolean) => {
			if (!on) return r;
			return new Promise((res, rej) => {
				r.addEventListener('success', () => res(r.result));
				r.addEventListener('error', () => rej(r.error));
			});
		};
		for (let i = 0; i < count * variants.length; i++) {
			const v = variants[i % variants.length]!;
			const k = Math.floor(i / variants.length);
			const start = performance.now();
			if (v === 'floor') {
				await floorReview(db, k, `f-${k}`);
			} else {
				const on = v !== 'meridian8raw';
				const tx = db.transaction(
					['cardStates', 'reviewLogs', 'daySummaries', 'logChunks'],
					'readwrite'
				);
				const done = new Promise<void>((res, rej) => {
					tx.oncomplete = () => res();
					tx.onabort = () => rej(tx.error);
				});
				const states = tx.objectStore('cardStates');
				const logs = tx.objectStore('reviewLogs');
				const sums = tx.objectStore('daySummaries');
				const chunks = tx.objectStore('logChunks');
				const pending: unknown[] = [];
				const gets: Promise<unknown>[] = [];
				const g = (r: IDBRequest) => {
					const p = new Promise((res) => (r.onsuccess = () => res(r.result)));
					if (on) r.addEventListener('error', () => undefined);
					gets.push(p);
				};
				if (v === 'meridian9listen') g(logs.get(`${v}-${k}`));
				g(sums.get(20000 + (k % 3)));
				g(sums.get(`card-${k % 50}`));
				g(states.get(`card-${k % 50}`));
				await Promise.all(gets);
				const id = `${v}-${k}`;
				pending.push(listen(states.put({ cardId: `card-${k % 50}`, ...row }), on));
				pending.push(listen(logs.add({ id, cardId: `card-${k % 50}`, previous: row, ...row }), on));
				pending.push(listen(chunks.delete(IDBKeyRange.lowerBound([Date.now()])), on));
				pending.push(listen(sums.put({ key: 20000 + (k % 3), n: k, a: [1, 2, 3, 4] }), on));
				pending.push(listen(sums.put({ key: `card-${k % 50}`, n: k, a: [1, 2] }), on));
				await Promise.all([...pending, done]);
			}
			times[v]!.push(performance.now() - start);
		}
		return times;
	},
	Number(process.env.RUNS ?? 200)
);
for (const [v, t] of Object.entries(out))
	console.log(
		`${v.padEnd(16)} median ${percentile(t, 50).toFixed(2)} p95 ${percentile(t, 95).toFixed(2)}`
	);
await browser.close();
