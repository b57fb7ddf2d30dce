// The essay page's main-thread work while it loads, in headless Chromium against the production
// build:
//   npm run build && npx tsx tests/benchmarks/essay-hydration.bench.ts
// Loads /essay RUNS times at 360 x 740 with the CPU slowed 4x (as Lighthouse's mobile run does)
// and records every long task (over 50 ms) with a PerformanceObserver that the page installs
// before any script runs, until the page's hydration has finished and the main thread has been
// quiet for a second (every paragraph first drawn as plain markup alive). BENCH_PORT (4393).
// Reported: the longest task and the total blocking time (the sum of each
// long task's time over 50 ms) per load.
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import { percentile, serveBuild } from './harness';

const PORT = Number(process.env.BENCH_PORT ?? 4393);
const BASE = `http://localhost:${PORT}`;
const RUNS = Number(process.env.RUNS ?? 9);
const SLOWDOWN = Number(process.env.CPU_SLOWDOWN ?? 4);

const server = serveBuild(BASE, PORT);
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

try {
	await server.ready;
	const browser = await chromium.launch(chromiumLaunchOptions);
	const longest: number[] = [];
	const blocking: number[] = [];
	const counts: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		// A fresh context each time: a first visit, nothing cached, no service worker yet.
		const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
		await context.addInitScript(() => {
			const w = window as unknown as { __longTasks: number[] };
			w.__longTasks = [];
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
			}).observe({ type: 'longtask', buffered: true });
		});
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
		await page.goto(`${BASE}/essay`, { waitUntil: 'load' });
		// Hydrated, and every paragraph drawn as plain markup has come alive.
		await page.locator('span.cited').first().waitFor();
		await page.waitForFunction(() => document.querySelector('p[data-asleep]') === null, null, {
			timeout: 60_000
		});
		// Wait until a second passes without a new long task.
		let seen = -1;
		for (;;) {
			const now = await page.evaluate(
				() => (window as unknown as { __longTasks: number[] }).__longTasks.length
			);
			if (now === seen) break;
			seen = now;
			await page.waitForTimeout(1000);
		}
		const tasks = await page.evaluate(
			() => (window as unknown as { __longTasks: number[] }).__longTasks
		);
		longest.push(Math.max(0, ...tasks));
		blocking.push(tasks.reduce((sum, t) => sum + Math.max(0, t - 50), 0));
		counts.push(tasks.length);
		await context.close();
	}
	const line = (label: string, v: number[]) =>
		`${label}: median ${fmt(percentile(v, 50))}, p95 ${fmt(percentile(v, 95))} (runs: ${v.map(fmt).join(', ')})`;
	console.log(`/essay at 360 x 740, CPU ${SLOWDOWN}x slower, ${RUNS} first visits:`);
	console.log(line('  longest task', longest));
	console.log(line('  total blocking time', blocking));
	console.log(`  long tasks per load: ${counts.join(', ')}`);
	await browser.close();
} finally {
	server.stop();
}
