// Load benchmark of the submissions API against the production build:
//   npm run build && npx tsx tests/benchmarks/submissions.bench.ts
// 1,000 simulated students submit a quiz to one assignment over loopback, 50 requests at a time,
// with ~10% retries of ids already sent mixed in (an outbox resending after a lost answer). Prints
// throughput, p50/p99 latency and errors, then checks the database holds exactly 1,000 submissions,
// then times the results read and an instructor accepting a response for everyone (and undoing it).
// Figures go into docs/benchmarks.md.
//   DATABASE_URL=postgres://... runs the server on PostgreSQL (else a SQLite file in a temp folder);
//   tests/benchmarks/with-postgres.ts starts a throw-away cluster and sets it.
//   WORKERS=N serves through scripts/start.js with N processes (node:cluster).
//   BENCH_PORT moves the server's port (4790).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Card } from '../../src/lib/decks/types';
import type { QuizResponse } from '../../src/lib/quiz/types';
import { openDatabase, type DatabaseConfig } from '../../src/lib/server/db';
import { percentile, serveBuild } from './harness';

const PORT = Number(process.env.BENCH_PORT ?? 4790);
const BASE = `http://127.0.0.1:${PORT}`;
const STUDENTS = 1000;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
// RATE=100 sends students at 100 per second (open loop) instead of CONCURRENCY (50) at a time.
const RATE = Number(process.env.RATE ?? 0);
const RETRY_SHARE = 0.1;

const dir = mkdtempSync(join(tmpdir(), 'meridian-bench-'));
const DATABASE_URL = process.env.DATABASE_URL ?? '';
const WORKERS = process.env.WORKERS ?? '';
const database: DatabaseConfig = DATABASE_URL
	? { engine: 'postgres', url: DATABASE_URL }
	: { engine: 'sqlite', path: join(dir, 'bench.sqlite') };
const server = serveBuild(BASE, PORT, {
	// Every simulated student shares 127.0.0.1, so the per-address submit limit (1,200 a minute, a
	// school behind one address) is raised: this measures the server, not the limiter (which
	// still counts every request, in the shared table on PostgreSQL).
	env: {
		...(database.engine === 'postgres'
			? { DATABASE_URL: database.url, DATABASE_PATH: '' }
			: { DATABASE_PATH: database.path, DATABASE_URL: '' }),
		RATE_LIMIT_SUBMIT_PER_MIN: '100000',
		...(WORKERS ? { WORKERS } : {})
	},
	readyPath: '/decks/index.json',
	script: WORKERS ? 'scripts/start.js' : undefined
});

/**
 * CPU seconds (user + system) used so far by process `pid` and every process under it (the
 * workers of WORKERS=N), from /proc (Linux); NaN elsewhere.
 */
function treeCpuSeconds(pid: number | undefined): number {
	if (pid === undefined) return NaN;
	try {
		const stats = new Map<number, { parent: number; ticks: number }>();
		for (const entry of readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				// After the command's closing parenthesis: state, ppid, ..., utime (14th), stime (15th).
				const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
				const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
				stats.set(Number(entry), {
					parent: Number(fields[1]),
					ticks: Number(fields[11]) + Number(fields[12])
				});
			} catch {
				// ended meanwhile
			}
		}
		const inTree = (p: number): boolean =>
			p === pid || (p > 1 && stats.has(p) && inTree(stats.get(p)!.parent));
		let ticks = 0;
		for (const [p, { ticks: t }] of stats) if (inTree(p)) ticks += t;
		return ticks / 100; // USER_HZ
	} catch {
		return NaN;
	}
}

/** A plausible answer: right about two times in three. */
function answer(card: Card, i: number): QuizResponse {
	const right = i % 3 !== 0;
	switch (card.type) {
		case 'mcq':
			return { kind: 'choice', option: card.options[right ? 0 : 1] ?? '' };
		case 'truefalse':
			return { kind: 'truefalse', value: right === card.statementIsTrue };
		case 'basic':
		case 'typed':
			return { kind: 'text', text: right ? card.answer : 'no idea' };
		case 'cloze':
			return { kind: 'blanks', texts: card.blanks.map((b) => (right ? b.answer : 'no idea')) };
		case 'numeric':
			return { kind: 'number', text: right ? `${card.value} ${card.unit}` : '1' };
		case 'ordering':
			return { kind: 'order', events: right ? card.events : [...card.events].reverse() };
	}
}

// The measured submissions go through node:http with keep-alive, one socket per student in
// flight, their bodies serialised before the clock starts: the client shares the two cores with
// the server, and fetch (undici) spent about 3 ms of CPU per request here, as much as half the
// server's own.
const agent = new Agent({ keepAlive: true, maxSockets: RATE > 0 ? Infinity : CONCURRENCY });
function submit(path: string, text: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = request(
			BASE + path,
			{
				method: 'POST',
				agent,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }
			},
			(res) => {
				res.on('data', () => {});
				res.on('end', () => resolve(res.statusCode ?? 0));
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(text);
	});
}

async function post(path: string, body: unknown) {
	const res = await fetch(BASE + path, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	return { status: res.status, body: await res.json() };
}

try {
	await server.ready;
	const created = await post('/api/assignments', {
		title: 'Benchmark: SCO quiz',
		deckId: 'sco',
		mode: 'quiz',
		questionCount: 10,
		passMark: 0.7,
		dueAt: '2099-01-01T00:00:00Z'
	});
	if (created.status !== 201) throw new Error(`create answered ${created.status}`);
	const { code } = created.body as { code: string };
	const assignment = await (await fetch(`${BASE}/api/assignments/${code}`)).json();
	const deck = await (await fetch(`${BASE}/decks/sco.json`)).json();
	const cards = new Map<string, Card>(deck.cards.map((c: Card) => [c.id, c]));
	const bodies = Array.from({ length: STUDENTS }, (_, i) => ({
		id: crypto.randomUUID(),
		studentId: crypto.randomUUID(),
		name: `Student ${i + 1}`,
		studentNumber: String(100000 + i),
		answers: (assignment.questionIds as string[]).map((cardId, q) => ({
			cardId,
			response: answer(cards.get(cardId)!, i + q)
		})),
		startedAt: Date.now() - 600_000,
		finishedAt: Date.now() - 1000
	}));

	// Warm-up, as any load test does: a separate assignment takes WARMUP submissions first, so the
	// figures below are a running server's, not its first seconds (loading the route modules, JIT).
	// WARMUP=0 measures a cold server.
	const warmup = Number(process.env.WARMUP ?? 200);
	if (warmup > 0) {
		const other = await post('/api/assignments', {
			title: 'Warm-up',
			deckId: 'sco',
			mode: 'quiz',
			questionCount: 10,
			passMark: 0.7,
			dueAt: '2099-01-01T00:00:00Z'
		});
		const otherCode = (other.body as { code: string }).code;
		const otherQuestions = (await (await fetch(`${BASE}/api/assignments/${otherCode}`)).json())
			.questionIds as string[];
		let w = 0;
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (w < warmup) {
					const i = w++;
					await post(`/api/assignments/${otherCode}/submissions`, {
						...bodies[i % bodies.length],
						id: crypto.randomUUID(),
						answers: otherQuestions.map((cardId, q) => ({
							cardId,
							response: answer(cards.get(cardId)!, i + q)
						}))
					});
				}
			})
		);
	}

	const texts = bodies.map((b) => JSON.stringify(b));
	const sent: number[] = [];
	let next = 0;
	const latencies: number[] = [];
	const statuses = new Map<string, number>();
	const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
	async function sendOne() {
		// About one request in ten resends a submission already answered.
		const retry = sent.length > 0 && Math.random() < RETRY_SHARE;
		const index = retry ? sent[Math.floor(Math.random() * sent.length)]! : next++;
		const started = performance.now();
		try {
			const status = await submit(`/api/assignments/${code}/submissions`, texts[index]!);
			latencies.push(performance.now() - started);
			count(`${retry ? 'retry' : 'first'} ${status}`);
			if (!retry) sent.push(index);
		} catch (e) {
			count(`error ${(e as Error).message}`);
		}
	}
	const serverCpu = treeCpuSeconds(server.pid);
	const clientCpu = process.cpuUsage();
	const began = performance.now();
	if (RATE > 0) {
		// Open loop: students arrive at RATE per second whether or not earlier ones were answered.
		const inFlight: Promise<void>[] = [];
		for (let n = 0; next < bodies.length; n++) {
			const wait = began + (n / RATE) * 1000 - performance.now();
			if (wait > 0) await new Promise((r) => setTimeout(r, wait));
			inFlight.push(sendOne());
		}
		await Promise.all(inFlight);
	} else {
		// Closed loop: CONCURRENCY students always waiting for an answer, a stress test.
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (next < bodies.length) await sendOne();
			})
		);
	}
	const seconds = (performance.now() - began) / 1000;
	// CPU per request of the server (all its processes) and of this client, which share the cores.
	const serverMs = ((treeCpuSeconds(server.pid) - serverCpu) * 1000) / latencies.length;
	const client = process.cpuUsage(clientCpu);
	const clientMs = (client.user + client.system) / 1000 / latencies.length;

	// Counted through the engine the server ran on.
	const db = await openDatabase(database);
	const stored = Number(
		(
			await db
				.selectFrom('submissions')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('assignment_code', '=', code)
				.executeTakeFirstOrThrow()
		).n
	);
	await db.destroy();
	const expected = (key: string) => key === 'first 201' || key === 'retry 200';
	const errors = [...statuses].filter(([key]) => !expected(key)).reduce((n, [, c]) => n + c, 0);
	const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
	console.log(
		`${database.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${WORKERS ? `WORKERS=${WORKERS} (scripts/start.js)` : 'one process (node build)'}`
	);
	console.log(
		`${latencies.length} requests (${STUDENTS} students + ${statuses.get('retry 200') ?? 0} retries), ${RATE > 0 ? `${RATE} per second` : `concurrency ${CONCURRENCY}`}, ${seconds.toFixed(2)} s`
	);
	console.log(`throughput ${(latencies.length / seconds).toFixed(0)} requests/s`);
	console.log(
		`latency p50 ${fmt(percentile(latencies, 50))}, p99 ${fmt(percentile(latencies, 99))}, max ${fmt(Math.max(...latencies))}`
	);
	console.log(
		`CPU per request: server ${serverMs.toFixed(2)} ms, this client ${clientMs.toFixed(2)} ms`
	);
	console.log(`statuses: ${[...statuses].map(([k, c]) => `${k}: ${c}`).join(', ')}`);
	console.log(`errors ${errors}; database holds ${stored} submissions (expected ${STUDENTS})`);
	if (errors > 0 || stored !== STUDENTS) process.exitCode = 1;

	// The instructor accepts the most common wrong response to one question for everyone: the
	// server regrades all 1,000 submissions in one transaction. Then takes it back.
	const auth = {
		authorization: `Bearer ${(created.body as { instructorKey: string }).instructorKey}`
	};
	let t = performance.now();
	const results = await (
		await fetch(`${BASE}/api/assignments/${code}/results`, { headers: auth })
	).json();
	const readMs = performance.now() - t;
	const question = (
		results.questions as { cardId: string; wrongResponses: { response: QuizResponse }[] }[]
	).find((q) => q.wrongResponses.length > 0)!;
	const body = JSON.stringify({
		cardId: question.cardId,
		response: question.wrongResponses[0]!.response
	});
	const grade = async (method: string) => {
		t = performance.now();
		const res = await fetch(`${BASE}/api/assignments/${code}/acceptances`, {
			method,
			headers: { ...auth, 'content-type': 'application/json' },
			body
		});
		const change = (await res.json()) as { changed: number };
		return `${res.status}, ${change.changed} scores changed, ${fmt(performance.now() - t)}`;
	};
	console.log(
		`results read ${fmt(readMs)}; accept: ${await grade('POST')}; undo: ${await grade('DELETE')}`
	);
} finally {
	agent.destroy();
	server.stop();
	rmSync(dir, { recursive: true, force: true });
}
