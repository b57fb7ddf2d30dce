// Where a rating's time goes, from a Chromium trace of the study bench's setting (the production
// build, a session of /study/all with 500 new cards a day, Space then "3" per card):
//   npm run build && RATINGS=60 BENCH_PORT=4390 npx tsx tests/benchmarks/rate-trace.bench.ts
// Each rating is cut at the key press, the review transaction's start and end (the app's
// `meridian:review-commit` measure), the next card's "Show answer" in the DOM, the frame after that
// (where study.bench.ts stops its clock) and that frame's paint. In each part the renderer's main
// thread is sampled every 50 µs and each sample goes to the innermost trace event there: script,
// GC, style, layout, paint (pre-paint, paint, layerize, commit), other work of a task, or idle.
// Prints the median and the slowest ratings (the p95 tail) side by side; TRACE_OUT=file keeps the
// raw trace for chrome://tracing or the DevTools performance panel.
import { chromium, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { chromiumLaunchOptions } from '../chromium';
import { percentile, serveBuild } from './harness';
import type { TraceEvent as Trace } from './measures';

const PORT = Number(process.env.BENCH_PORT ?? 4390);
const BASE = `http://localhost:${PORT}`;
const RATINGS = Number(process.env.RATINGS ?? 60);

type TraceEvent = Trace<{ name?: string; data?: Record<string, unknown> }>;

/** One rating, in the page's `performance.now()` milliseconds. */
interface Rating {
	key: number;
	commitStart: number;
	commitEnd: number;
	dom: number;
	frame: number;
}

type Traced = Window & { __ratings?: Rating[]; __pending?: Promise<void> };

/** Like `rateOnce` (measures.ts), keeping every cut of the rating. */
async function rateTraced(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Show answer' }).waitFor();
	await page.keyboard.press('Space');
	await page.getByRole('button', { name: 'Good' }).waitFor();
	await page.evaluate(() => {
		const w = window as Traced;
		w.__pending = new Promise((resolve) => {
			let key = 0;
			addEventListener('keydown', (e) => (key = e.timeStamp), { once: true, capture: true });
			const observer = new MutationObserver(() => {
				if (!key || !document.querySelector('button.show')) return;
				observer.disconnect();
				const dom = performance.now();
				requestAnimationFrame(() => {
					const frame = performance.now();
					const commit = performance.getEntriesByName('meridian:review-commit').at(-1)!;
					(w.__ratings ??= []).push({
						key,
						commitStart: commit.startTime,
						commitEnd: commit.startTime + commit.duration,
						dom,
						frame
					});
					resolve();
				});
			});
			observer.observe(document.body, { childList: true, subtree: true });
		});
	});
	await page.keyboard.press('3');
	await page.evaluate(() => (window as Traced).__pending);
}

const KINDS = ['script', 'gc', 'style', 'layout', 'paint', 'task', 'idle'] as const;
type Kind = (typeof KINDS)[number];

function kindOf(name: string): Kind {
	if (/GC|Scavenge|MarkCompact|Sweep|Finalize/i.test(name)) return 'gc';
	if (/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|StyleInvalidator)/.test(name))
		return 'style';
	if (/^(Layout|LocalFrameView::layout|UpdateLayout)$/.test(name)) return 'layout';
	if (
		/^(PrePaint|Paint|PaintImage|Layerize|UpdateLayerTree|UpdateLayer|CompositeLayers|Commit|LocalFrameView::RunPaintLifecyclePhase|PaintArtifactCompositor)/.test(
			name
		)
	)
		return 'paint';
	if (
		/^(FunctionCall|EventDispatch|RunMicrotasks|TimerFire|FireAnimationFrame|v8\.|V8\.|EvaluateScript|XHR|MutationObserver|HandlePostMessage|ParseHTML)/.test(
			name
		)
	)
		return 'script';
	return 'task';
}

interface Slice {
	start: number;
	end: number;
	name: string;
	depth: number;
}

/** The main thread's complete events as slices, each with its nesting depth. */
function slices(events: TraceEvent[]): Slice[] {
	const flat = events
		.filter((e) => e.ph === 'X' && e.dur !== undefined)
		.map((e) => ({ start: e.ts, end: e.ts + (e.dur ?? 0), name: e.name, depth: 0 }))
		.sort((a, b) => a.start - b.start || b.end - a.end);
	const stack: Slice[] = [];
	for (const s of flat) {
		while (stack.length && stack.at(-1)!.end <= s.start) stack.pop();
		s.depth = stack.length;
		stack.push(s);
	}
	return flat;
}

/** Time (ms) by kind in [from, to] (trace µs), sampling every 50 µs. */
function breakdown(all: Slice[], from: number, to: number): Record<Kind, number> {
	const out = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
	const inRange = all.filter((s) => s.end > from && s.start < to);
	const STEP = 50;
	for (let t = from; t < to; t += STEP) {
		let inner: Slice | undefined;
		for (const s of inRange)
			if (s.start <= t && t < s.end && (!inner || s.depth > inner.depth)) inner = s;
		out[inner ? kindOf(inner.name) : 'idle'] += STEP / 1000;
	}
	return out;
}

interface Profile {
	nodes: {
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number };
	}[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** PROFILE=1: each JavaScript sample's time (trace µs), weight (ms) and function. */
function samplesOf(profile: Profile) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	let ts = profile.startTime;
	return profile.samples.map((id, i) => {
		ts += profile.timeDeltas[i] ?? 0;
		const f = byId.get(id)!.callFrame;
		const file = f.url.split('/').at(-1) ?? '';
		return {
			ts,
			ms: (profile.timeDeltas[i + 1] ?? 0) / 1000,
			fn: `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`
		};
	});
}

const server = serveBuild(BASE, PORT);
try {
	await server.ready;
	const browser = await chromium.launch(chromiumLaunchOptions);
	const page = await browser.newPage();
	await page.goto(`${BASE}/settings`);
	await page.getByText(/Storage is/).waitFor();
	await page.getByLabel('New cards per day').fill('500');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByText('Settings saved.').waitFor();
	await page.goto(`${BASE}/study/all`);
	// The steady state: the service worker's first install (the precache of the whole app) done,
	// unless INSTALLING=1, and a few ratings first, so the trace does not hold the first compile.
	if (process.env.INSTALLING !== '1')
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			for (let i = 0; i < 400; i++) {
				const registration = await navigator.serviceWorker.getRegistration();
				if (registration?.active && !registration.installing) return;
				await new Promise((r) => setTimeout(r, 25));
			}
		});
	for (let i = 0; i < 5; i++) await rateTraced(page);
	await page.evaluate(() => ((window as Traced).__ratings = []));

	const cdp = await page.context().newCDPSession(page);
	const events: TraceEvent[] = [];
	cdp.on('Tracing.dataCollected', ({ value }) =>
		events.push(...(value as unknown as TraceEvent[]))
	);
	await cdp.send('Tracing.start', {
		categories: [
			'devtools.timeline',
			'disabled-by-default-devtools.timeline',
			'disabled-by-default-devtools.timeline.frame',
			'toplevel',
			'blink.user_timing',
			'v8.execute',
			'disabled-by-default-v8.gc',
			'IndexedDB'
		].join(','),
		transferMode: 'ReportEvents'
	});
	if (process.env.PROFILE) {
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
		await cdp.send('Profiler.start');
	}
	const origin = await page.evaluate(() => {
		performance.mark('rate-trace:sync');
		return performance.getEntriesByName('rate-trace:sync')[0]!.startTime;
	});
	for (let i = 0; i < RATINGS; i++) await rateTraced(page);
	const ratings = await page.evaluate(() => (window as Traced).__ratings ?? []);
	const profile = process.env.PROFILE
		? ((await cdp.send('Profiler.stop')).profile as unknown as Profile)
		: undefined;
	const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
	await cdp.send('Tracing.end');
	await done;
	await browser.close();
	if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, JSON.stringify(events));

	const sync = events.find((e) => e.name === 'rate-trace:sync');
	if (!sync) throw new Error('no sync mark in the trace');
	const main = events.find(
		(e) =>
			e.ph === 'M' &&
			e.name === 'thread_name' &&
			e.args?.name === 'CrRendererMain' &&
			e.pid === sync.pid
	);
	const mainTid = main?.tid ?? sync.tid;
	const mainSlices = slices(events.filter((e) => e.pid === sync.pid && e.tid === mainTid));
	// page ms -> trace µs
	const toTrace = (ms: number) => sync.ts + (ms - origin) * 1000;
	const paints = mainSlices
		.filter(
			(s) =>
				s.name === 'Paint' || s.name === 'PaintArtifactCompositor::Update' || s.name === 'Commit'
		)
		.map((s) => s.end)
		.sort((a, b) => a - b);

	const PARTS = [
		'key -> commit start',
		'transaction',
		'commit -> DOM',
		'DOM -> frame',
		'frame -> paint'
	] as const;
	const rows = ratings.map((r) => {
		const cuts = [r.key, r.commitStart, r.commitEnd, r.dom, r.frame].map(toTrace);
		const paintEnd = paints.find((p) => p > cuts[4]!) ?? cuts[4]!;
		cuts.push(paintEnd);
		const parts = PARTS.map((_, i) => ({
			ms: (cuts[i + 1]! - cuts[i]!) / 1000,
			by: breakdown(mainSlices, cuts[i]!, cuts[i + 1]!)
		}));
		return { total: r.frame - r.key, parts, cuts };
	});
	const totals = rows.map((r) => r.total);
	const p95 = percentile(totals, 95);
	const slow = rows.filter((r) => r.total >= percentile(totals, 90));
	const typical = rows.filter(
		(r) => r.total >= percentile(totals, 40) && r.total <= percentile(totals, 60)
	);
	const painted = rows.map((r) => (r.cuts[5]! - r.cuts[0]!) / 1000);
	console.log(
		`${rows.length} ratings traced: key -> frame median ${percentile(totals, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; key -> that frame's paint median ${percentile(painted, 50).toFixed(1)} ms, p95 ${percentile(painted, 95).toFixed(1)} ms`
	);
	const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
	const table = (label: string, group: typeof rows) => {
		console.log(
			`\n${label} (${group.length} ratings, mean ${mean(group.map((r) => r.total)).toFixed(1)} ms):`
		);
		console.log(
			`  ${'part'.padEnd(22)} ${'ms'.padStart(6)}  ${KINDS.map((k) => k.padStart(7)).join('')}`
		);
		PARTS.forEach((part, i) => {
			const ms = mean(group.map((r) => r.parts[i]!.ms));
			const by = KINDS.map((k) =>
				mean(group.map((r) => r.parts[i]!.by[k]))
					.toFixed(2)
					.padStart(7)
			);
			console.log(`  ${part.padEnd(22)} ${ms.toFixed(2).padStart(6)}  ${by.join('')}`);
		});
	};
	table('Median ratings (40th-60th percentile)', typical);
	table('Slow ratings (90th percentile and up)', slow);
	if (profile) {
		const samples = samplesOf(profile);
		PARTS.forEach((part, i) => {
			const sum = new Map<string, number>();
			for (const r of rows)
				for (const sample of samples)
					if (sample.ts >= r.cuts[i]! && sample.ts < r.cuts[i + 1]!)
						sum.set(sample.fn, (sum.get(sample.fn) ?? 0) + sample.ms / rows.length);
			console.log(`\nJavaScript self time per rating in "${part}" (all ratings, mean ms):`);
			for (const [fn, ms] of [...sum].sort((a, b) => b[1] - a[1]).slice(0, 12))
				console.log(`  ${ms.toFixed(3).padStart(7)}  ${fn}`);
		});
	}
	console.log('\nSlowest ratings, each part in ms:');
	for (const r of [...rows].sort((a, b) => b.total - a.total).slice(0, 8))
		console.log(
			`  ${r.total.toFixed(1).padStart(5)}: ${r.parts
				.map(
					(p, i) =>
						`${PARTS[i]} ${p.ms.toFixed(1)} (${
							KINDS.filter((k) => k !== 'idle' && p.by[k] >= 0.3)
								.map((k) => `${k} ${p.by[k].toFixed(1)}`)
								.join(', ') || 'idle'
						})`
				)
				.join('; ')}`
		);
} finally {
	server.stop();
}
