// What each page's main thread does while it loads, from a Chromium trace, as Lighthouse's mobile
// run sees it (360 x 740, CPU 4x slower, a first visit with nothing cached):
//   npm run build && npx tsx tests/benchmarks/long-tasks.bench.ts [path...]
// For each page and run: every task over 50 ms, with what took its time (script evaluation and
// function calls by script, style, layout, paint, parsing), the total blocking time (the sum of
// each long task's time over 50 ms, from the first paint on, as Lighthouse counts it) and the
// largest contentful paint's element and time. RUNS (3), CPU_SLOWDOWN (4), BENCH_PORT (4394),
// BUILD (the directory served, `build`; say a `vite build --minify false` for readable names: see
// serveBuild).
// PROFILE=1 adds a CPU profile: each long task's JavaScript by app frame, and per run the self
// time inside long tasks summed by function and by script.
import { chromium, type CDPSession } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import { percentile, serveBuild } from './harness';
import type { TraceEvent as Trace } from './measures';

const PORT = Number(process.env.BENCH_PORT ?? 4394);
const BASE = `http://localhost:${PORT}`;
const RUNS = Number(process.env.RUNS ?? 3);
const SLOWDOWN = Number(process.env.CPU_SLOWDOWN ?? 4);
const paths = process.argv.slice(2).length
	? process.argv.slice(2)
	: ['/', '/decks/history', '/essay', '/study/history', '/quiz/history', '/stats'];

type TraceEvent = Trace<{ data?: { url?: string; functionName?: string; frame?: string } }>;

interface ProfileNode {
	id: number;
	parent?: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** JavaScript samples (PROFILE=1): each sample's time and weight, its frame, script and app frame. */
let samples: { ts: number; ms: number; self: string; script: string; app: string }[] = [];

function readProfile(profile: Profile) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
	const label = (n: ProfileNode) =>
		`${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
	let ts = profile.startTime;
	samples = profile.samples.map((id, i) => {
		const delta = profile.timeDeltas[i] ?? 0;
		ts += delta;
		const node = byId.get(id)!;
		let app: ProfileNode | undefined = node;
		while (app && !/\/(nodes|entry)\/|chunks\/(?!Yx0|C9yuP)/.test(app.callFrame.url))
			app = app.parent === undefined ? undefined : byId.get(app.parent);
		return {
			ts,
			ms: delta / 1000,
			self: label(node),
			script: node.callFrame.url ? short(node.callFrame.url) : node.callFrame.functionName,
			app: app ? label(app) : '(runtime)'
		};
	});
}

/** Self time inside these tasks, summed by `key` of each sample: the largest `top`. */
function selfTime(tasks: TraceEvent[], key: 'self' | 'script', top: number): string {
	const sum = new Map<string, number>();
	for (const s of samples) {
		if (!tasks.some((t) => s.ts >= t.ts && s.ts <= t.ts + (t.dur ?? 0))) continue;
		sum.set(s[key], (sum.get(s[key]) ?? 0) + s.ms);
	}
	return [...sum]
		.sort((a, b) => b[1] - a[1])
		.slice(0, top)
		.map(([k, ms]) => `      ${ms.toFixed(0).padStart(5)} ms  ${k}`)
		.join('\n');
}

function hotspots(task: TraceEvent): string {
	const end = task.ts + (task.dur ?? 0);
	const count = new Map<string, number>();
	const inTask = samples.filter((s) => s.ts >= task.ts && s.ts <= end);
	for (const s of inTask) count.set(s.app, (count.get(s.app) ?? 0) + 1);
	return [...count]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 5)
		.map(([k, n]) => `${k} ${Math.round((100 * n) / inTask.length)}%`)
		.join('; ');
}

async function trace(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
	const events: TraceEvent[] = [];
	if (process.env.PROFILE) {
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
		await cdp.send('Profiler.start');
	}
	cdp.on('Tracing.dataCollected', ({ value }) =>
		events.push(...(value as unknown as TraceEvent[]))
	);
	await cdp.send('Tracing.start', {
		categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel,v8.execute',
		transferMode: 'ReportEvents'
	});
	await run();
	if (process.env.PROFILE) readProfile((await cdp.send('Profiler.stop')).profile as Profile);
	const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
	await cdp.send('Tracing.end');
	await done;
	return events;
}

const short = (url = '') => url.replace(BASE, '').replace(/^\/_app\/immutable\//, '') || '(page)';

/** What a long task spent its time on: the trace events inside it, by kind and script. */
function breakdown(events: TraceEvent[], task: TraceEvent): string {
	const parts = new Map<string, number>();
	const end = task.ts + (task.dur ?? 0);
	for (const e of events) {
		if (e.tid !== task.tid || e.pid !== task.pid || e.ts < task.ts || e.ts > end || !e.dur)
			continue;
		let key: string | undefined;
		if (e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule')
			key = `evaluate ${short(e.args?.data?.url)}`;
		else if (e.name === 'FunctionCall') key = `call ${short(e.args?.data?.url)}`;
		else if (e.name === 'v8.compile' || e.name === 'v8.compileModule') key = 'compile';
		else if (e.name === 'UpdateLayoutTree') key = 'style';
		else if (e.name === 'Layout') key = 'layout';
		else if (e.name === 'Paint' || e.name === 'PrePaint') key = 'paint';
		else if (e.name === 'ParseHTML') key = 'parse HTML';
		else if (process.env.TRACE_NAMES && e !== task) key = e.name;
		if (key) parts.set(key, (parts.get(key) ?? 0) + e.dur / 1000);
	}
	return [...parts]
		.sort((a, b) => b[1] - a[1])
		.slice(0, process.env.TRACE_NAMES ? 12 : 4)
		.map(([k, ms]) => `${k} ${ms.toFixed(0)}`)
		.join(', ');
}

const server = serveBuild(BASE, PORT);
try {
	await server.ready;
	const browser = await chromium.launch(chromiumLaunchOptions);
	for (const path of paths) {
		const tbts: number[] = [];
		const lcps: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
			await context.addInitScript(() => {
				const w = window as unknown as { __lcp: { time: number; element: string }[] };
				w.__lcp = [];
				new PerformanceObserver((list) => {
					for (const e of list.getEntries() as (PerformanceEntry & { element?: Element })[]) {
						const el = e.element;
						const name = el
							? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`
							: '?';
						w.__lcp.push({ time: e.startTime, element: name });
					}
				}).observe({ type: 'largest-contentful-paint', buffered: true });
			});
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
			let lcp = { time: 0, element: '' };
			const events = await trace(cdp, async () => {
				await page.goto(`${BASE}${path}`, { waitUntil: 'load' });
				await page.waitForTimeout(4000);
				const all = await page.evaluate(
					() => (window as unknown as { __lcp: { time: number; element: string }[] }).__lcp
				);
				lcp = all.at(-1) ?? lcp;
			});
			// The page's main thread: the renderer thread that ran the navigation's ParseHTML.
			const parse = events.find((e) => e.name === 'ParseHTML');
			const nav = events.find(
				(e) => e.name === 'navigationStart' || e.name === 'TracingStartedInBrowser'
			);
			const fcp = events.find((e) => e.name === 'firstContentfulPaint');
			// One event per task: Chromium nests ThreadControllerImpl::RunTask in RunTask.
			const taskName = events.some((e) => e.name === 'RunTask')
				? 'RunTask'
				: 'ThreadControllerImpl::RunTask';
			const tasks = events
				.filter(
					(e) =>
						parse &&
						e.pid === parse.pid &&
						e.tid === parse.tid &&
						e.name === taskName &&
						(e.dur ?? 0) > 50_000
				)
				.sort((a, b) => a.ts - b.ts);
			const start = nav?.ts ?? tasks[0]?.ts ?? 0;
			const from = fcp?.ts ?? start;
			let tbt = 0;
			const lines = tasks.map((t) => {
				const ms = (t.dur ?? 0) / 1000;
				if (t.ts >= from) tbt += ms - 50;
				const where = process.env.PROFILE ? `\n      JS by app frame: ${hotspots(t)}` : '';
				return `    at ${((t.ts - start) / 1000).toFixed(0)} ms: ${ms.toFixed(0)} ms (${breakdown(events, t)})${where}`;
			});
			tbts.push(tbt);
			lcps.push(lcp.time);
			console.log(
				`${path} run ${run + 1}: TBT ${tbt.toFixed(0)} ms, FCP ${fcp ? ((fcp.ts - start) / 1000).toFixed(0) : '?'} ms, LCP ${lcp.time.toFixed(0)} ms ${lcp.element}`
			);
			for (const line of lines) console.log(line);
			if (process.env.PROFILE && tasks.length) {
				console.log(`    self time in long tasks, by script:\n${selfTime(tasks, 'script', 8)}`);
				console.log(`    by function:\n${selfTime(tasks, 'self', 20)}`);
			}
			await context.close();
		}
		console.log(
			`${path}: TBT median ${percentile(tbts, 50).toFixed(0)} ms, LCP median ${percentile(lcps, 50).toFixed(0)} ms\n`
		);
	}
	await browser.close();
} finally {
	server.stop();
}
