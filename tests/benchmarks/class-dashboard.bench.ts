// Class dashboard benchmark in headless Chromium against the production build:
//   npx tsx tests/benchmarks/class-dashboard.bench.ts
// The dashboard of a class of 300 students x 20 assignments (10 quizzes, 10 reviews): its data
// request is answered from a fixture (page.route, compact cells as the server sends them), so the
// figures are the page's own work, from the moment the data arrives (the fetch resolves: reading
// and checking the cells counts) to the first rows painted (the grid draws a screenful first) and
// to all 300 rows painted (the frame after they are in the DOM and the table is no longer
// aria-busy). Figures go into docs/benchmarks.md.
import { chromium } from '@playwright/test';
import { loadavg } from 'node:os';
import {
	encodeDashboard,
	type CellStatus,
	type ClassDashboard,
	type DashboardStudent
} from '../../src/lib/api/classes';
import { chromiumLaunchOptions } from '../chromium';
import { percentile, serveBuild } from './harness';

const PORT = 4396;
const BASE = `http://localhost:${PORT}`;
const RUNS = 15;
const STUDENTS = 300;
const ASSIGNMENTS = 20;
const CODE = 'BENCH23';
const KEY = 'k'.repeat(43);

const server = serveBuild(BASE, PORT);

function fixture(): ClassDashboard {
	const at = new Date('2026-12-01T12:00:00Z');
	const iso = (days: number) => new Date(at.getTime() + days * 86_400_000).toISOString();
	const assignments = Array.from({ length: ASSIGNMENTS }, (_, i) => ({
		code: `A${String(i).padStart(6, '2')}`,
		title: `${i % 2 ? 'Review' : 'Quiz'} ${i + 1}: section ${(i % 9) + 1}`,
		mode: (i % 2 ? 'review' : 'quiz') as 'quiz' | 'review',
		deckId: 'history',
		dueAt: iso(i - 10),
		createdAt: iso(i - 20),
		closed: false,
		timeLimitMinutes: i % 2 ? null : 20,
		shuffle: i % 4 === 0,
		itemCount: i % 2 ? 30 : 10
	}));
	const statuses: CellStatus[] = ['submitted', 'submitted', 'late', 'missing', 'open'];
	const students: DashboardStudent[] = Array.from({ length: STUDENTS }, (_, s) => ({
		studentId: `student-${String(s).padStart(4, '0')}`,
		rosterId: `r${s}`,
		name: `Student ${s} ${['Lee', 'Chen', 'Diaz', 'Evans', 'Okafor'][s % 5]}`,
		studentNumber: String(20260000 + s),
		status: 'matched',
		timeMultiplier: s % 25 === 0 ? 1.5 : 1,
		cells: assignments.map((a, i) => {
			const status = statuses[(s + i) % statuses.length]!;
			const done = status === 'submitted' || status === 'late';
			return {
				status,
				score: a.mode === 'quiz' && done ? (s * 7 + i * 13) % 101 : null,
				passed: a.mode === 'quiz' && done ? (s * 7 + i * 13) % 101 >= 70 : null,
				attempts: done ? 1 : 0,
				extendedTo: (s + i) % 37 === 0 ? iso(i - 8) : null,
				overtime: (s + i) % 41 === 0,
				cardsStudied: a.mode === 'review' ? (done ? (s + i) % 31 : 0) : null,
				recall: a.mode === 'review' && done ? 0.6 + ((s + i) % 40) / 100 : null
			};
		})
	}));
	return {
		class: { code: CODE, name: 'Benchmark class', hasRoster: true, createdAt: iso(-30) },
		assignments,
		students,
		roster: students.map((s) => ({
			id: s.rosterId!,
			name: s.name,
			studentNumber: s.studentNumber,
			timeMultiplier: s.timeMultiplier,
			createdAt: iso(-30),
			studentId: s.studentId
		})),
		members: students.map((s) => ({
			studentId: s.studentId!,
			name: s.name,
			studentNumber: s.studentNumber,
			rosterId: s.rosterId,
			status: 'matched' as const,
			joinedAt: iso(-29),
			timeMultiplier: s.timeMultiplier
		})),
		pending: [],
		at: at.toISOString()
	};
}

async function main() {
	await server.ready;
	const browser = await chromium.launch(chromiumLaunchOptions);
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	// As the server sends it: compact cells (src/lib/api/classes.ts, encodeDashboard).
	const body = JSON.stringify(encodeDashboard(fixture()));
	await context.route(`**/api/classes/${CODE}/dashboard`, (route) =>
		route.fulfill({ status: 200, contentType: 'application/json', body })
	);
	// When the data arrives: the moment the page's fetch of it resolves.
	await context.addInitScript(() => {
		const original = window.fetch;
		window.fetch = async (...args: Parameters<typeof fetch>) => {
			const response = await original(...args);
			if (String(args[0]).includes('/dashboard')) {
				(window as unknown as { dataAt: number }).dataAt = performance.now();
			}
			return response;
		};
	});
	const page = await context.newPage();
	await page.goto(`${BASE}/teach`);
	await page.waitForFunction(async () =>
		(await indexedDB.databases()).some((d) => d.name === 'meridian' && (d.version ?? 0) >= 4)
	);
	// The class and its key on this device, as creating it would leave them.
	await page.evaluate(
		async ({ code, key }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const r = indexedDB.open('meridian');
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error);
			});
			await new Promise<void>((resolve, reject) => {
				const tx = db.transaction('classes', 'readwrite');
				tx.objectStore('classes').put({
					role: 'instructor',
					code,
					name: 'Benchmark class',
					classKey: key,
					createdAt: Date.now()
				});
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ code: CODE, key: KEY }
	);

	// Two figures per run: the first screenful of rows painted (the grid draws its first rows,
	// then the rest in chunks after a paint each) and every row painted.
	const first: number[] = [];
	const times: number[] = [];
	for (let run = 0; run <= RUNS; run++) {
		await page.goto(`${BASE}/teach/class/${CODE}`);
		// A string, not a function: tsx would wrap a named function in a helper the page lacks.
		const ms = await page.evaluate<[number, number]>(`new Promise((resolve) => {
			let firstMs = 0;
			let firstSeen = false;
			(function check() {
				const dataAt = window.dataAt;
				const rows = document.querySelectorAll('table.grid tbody tr').length;
				if (dataAt && rows > 0 && !firstSeen) {
					firstSeen = true;
					// The frame after the first rows are in: laid out and painted.
					requestAnimationFrame(() => setTimeout(() => (firstMs = performance.now() - dataAt)));
				}
				if (dataAt && rows === ${STUDENTS} && !document.querySelector('table.grid[aria-busy]')) {
					requestAnimationFrame(() =>
						setTimeout(() => resolve([firstMs || performance.now() - dataAt, performance.now() - dataAt]))
					);
				} else requestAnimationFrame(check);
			})();
		})`);
		if (run > 0) {
			// the first run warms the caches up
			first.push(ms[0]);
			times.push(ms[1]);
		}
	}
	const cells = await page.locator('table.grid tbody td').count();
	await browser.close();
	const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
	console.log(
		`class dashboard, ${STUDENTS} students x ${ASSIGNMENTS} assignments (${cells} cells), ${RUNS} runs: ` +
			`first screenful median ${fmt(percentile(first, 50))}, p95 ${fmt(percentile(first, 95))}; ` +
			`every row median ${fmt(percentile(times, 50))}, p95 ${fmt(percentile(times, 95))}, max ${fmt(Math.max(...times))}; ` +
			`load average ${loadavg()
				.map((l) => l.toFixed(2))
				.join(' ')}`
	);
}

main()
	.catch((error) => {
		console.error(error);
		process.exitCode = 1;
	})
	.finally(() => server.stop());
