// Results at scale, against the production build:
//   npm run build && npx tsx tests/benchmarks/results.bench.ts
//   npx tsx tests/benchmarks/with-postgres.ts npx tsx tests/benchmarks/results.bench.ts
// Seeds SUBMISSIONS (default 20,000) quiz submissions to one 10-question assignment, graded by the
// service's own grader and inserted in bulk (counted by the database's triggers), then serves the
// build on that database and times, over loopback:
//   - a poll `?since=<lastSeq>` with nothing new (what a dashboard asks every 20 s in a quiet room);
//   - a poll after 5 new submissions (each round sends 5 over HTTP first, untimed);
//   - the full results (no `since`), and the CSV stream to its last byte.
// Prints median and p95 of each. Figures go into docs/benchmarks.md.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Card, Deck } from '../../src/lib/decks/types';
import type { QuizResponse } from '../../src/lib/quiz/types';
import { createAssignment, getAssignment } from '../../src/lib/server/assignments';
import { findAssignment } from '../../src/lib/server/assignments/assignments';
import { gradeAnswer, quizOutcome } from '../../src/lib/server/assignments/grading';
import { marksText } from '../../src/lib/server/migrations/marks';
import {
	migrate,
	openDatabase,
	writeTransaction,
	type DatabaseConfig
} from '../../src/lib/server/db';
import { percentile, serveBuild } from './harness';

const PORT = 4791;
const BASE = `http://127.0.0.1:${PORT}`;
const SUBMISSIONS = Number(process.env.SUBMISSIONS ?? 20_000);
const ROUNDS = Number(process.env.ROUNDS ?? 30);
const dir = mkdtempSync(join(tmpdir(), 'meridian-results-bench-'));
const DATABASE_URL = process.env.DATABASE_URL ?? '';
const database: DatabaseConfig = DATABASE_URL
	? { engine: 'postgres', url: DATABASE_URL }
	: { engine: 'sqlite', path: join(dir, 'bench.sqlite') };
// Room for the seeded submissions and the ones the polls add.
process.env.MAX_SUBMISSIONS_PER_ASSIGNMENT = String(SUBMISSIONS + 10 * ROUNDS);

/** A plausible answer: right about two times in three, some typed answers wrong in many ways. */
function answer(card: Card, i: number): QuizResponse {
	const right = i % 3 !== 0;
	switch (card.type) {
		case 'mcq':
			return {
				kind: 'choice',
				option: card.options[right ? 0 : 1 + (i % (card.options.length - 1))]!
			};
		case 'truefalse':
			return { kind: 'truefalse', value: right === card.statementIsTrue };
		case 'basic':
		case 'typed':
			return { kind: 'text', text: right ? card.answer : `guess ${i % 50}` };
		case 'cloze':
			return {
				kind: 'blanks',
				texts: card.blanks.map((b) => (right ? b.answer : `guess ${i % 50}`))
			};
		case 'numeric':
			return { kind: 'number', text: right ? `${card.value} ${card.unit}` : String(i % 50) };
		case 'ordering':
			return { kind: 'order', events: right ? card.events : [...card.events].reverse() };
	}
}

// The compiled decks as the build serves them (the server's own loader needs Vite).
if (!existsSync('build/index.js')) spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
const decks = [JSON.parse(readFileSync('build/prerendered/decks/sco.json', 'utf8')) as Deck];
const cards = new Map(decks[0]!.cards.map((c) => [c.id, c]));
const none: ReadonlySet<string> = new Set();
const body = (i: number, questionIds: string[], now: number) => ({
	id: `bench-${i}-${crypto.randomUUID()}`,
	studentId: `student-${i % Math.ceil(SUBMISSIONS * 0.9)}`, // some students try twice
	name: `Student ${i}`,
	studentNumber: String(100000 + i),
	answers: questionIds.map((cardId, q) => ({
		cardId,
		response: answer(cards.get(cardId)!, i + q)
	})),
	startedAt: now - 600_000,
	finishedAt: now - 1000
});

/**
 * Seeds the submissions 500 rows per INSERT, each INSERT its own write transaction (in one
 * transaction PostgreSQL's answer_stats rows grow version chains that every later upsert walks):
 * each row graded by the service's own gradeAnswer and quizOutcome, marked as submitAssignment
 * marks it, and counted by the answer_stats triggers as any insert is; attempts numbered per
 * student, `seq` and `change_seq` in the order stored. (One submitAssignment per row took 8-10
 * minutes per engine here.)
 */
async function seed(questionIds: string[]) {
	const assignment = await findAssignment(db, code);
	const dueAt = Date.parse(assignment.due_at);
	const attempts = new Map<string, number>();
	for (let start = 0; start < SUBMISSIONS; start += 500) {
		await writeTransaction(db, async (tx) => {
			const rows = [];
			for (let i = start; i < Math.min(SUBMISSIONS, start + 500); i++) {
				const now = Date.now();
				const b = body(i, questionIds, now);
				const answers = b.answers.map((a) => gradeAnswer(cards.get(a.cardId)!, a.response, none));
				const outcome = quizOutcome(questionIds, answers, assignment.pass_mark);
				const attempt = (attempts.get(b.studentId) ?? 0) + 1;
				attempts.set(b.studentId, attempt);
				rows.push({
					assignment_code: code,
					id: b.id,
					student_id: b.studentId,
					name: b.name,
					student_number: b.studentNumber,
					answers: JSON.stringify(answers),
					marks: marksText(questionIds, answers),
					reviewed: '[]',
					score: outcome.score,
					passed: outcome.passed === null ? null : Number(outcome.passed),
					late: Number(b.finishedAt > dueAt),
					correct: outcome.correct,
					total: outcome.total,
					started_at: b.startedAt,
					finished_at: b.finishedAt,
					received_at: now,
					attempt,
					seq: i + 1,
					change_seq: i + 1,
					overtime: null
				});
			}
			await tx.insertInto('submissions').values(rows).execute();
			await tx
				.updateTable('assignments')
				.set({ last_seq: rows.at(-1)!.seq })
				.where('code', '=', code)
				.execute();
		});
	}
}

const seedStarted = performance.now();
const db = await openDatabase(database);
await migrate(db);
const { code, instructorKey } = await createAssignment(
	db,
	decks,
	{
		title: 'Benchmark: results',
		deckId: 'sco',
		mode: 'quiz',
		questionCount: 10,
		passMark: 0.7,
		dueAt: '2099-01-01T00:00:00Z'
	},
	Date.now()
);
const { questionIds } = await getAssignment(db, decks, code);
await seed(questionIds);
await db.destroy();
console.log(
	`${database.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}: seeded ${SUBMISSIONS} submissions in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`
);

const server = serveBuild(BASE, PORT, {
	env: {
		...(database.engine === 'postgres'
			? { DATABASE_URL: database.url, DATABASE_PATH: '' }
			: { DATABASE_PATH: database.path, DATABASE_URL: '' }),
		RATE_LIMIT_RESULTS_PER_MIN: '100000',
		RATE_LIMIT_SUBMIT_PER_MIN: '100000',
		MAX_SUBMISSIONS_PER_ASSIGNMENT: process.env.MAX_SUBMISSIONS_PER_ASSIGNMENT
	},
	readyPath: '/decks/index.json'
});

async function timed(path: string): Promise<{ ms: number; bytes: number; body: string }> {
	const started = performance.now();
	const res = await fetch(BASE + path, { headers: { authorization: `Bearer ${instructorKey}` } });
	const body = await res.text();
	if (!res.ok) throw new Error(`${path} answered ${res.status}: ${body.slice(0, 200)}`);
	return { ms: performance.now() - started, bytes: Buffer.byteLength(body), body };
}

const stats = (label: string, values: number[], extra = '') =>
	console.log(
		`${label.padEnd(34)} median ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms (${values.length} runs)${extra}`
	);

try {
	await server.ready;
	const results = `/api/assignments/${code}/results`;
	// Warm-up: the route modules loaded, the JIT warm.
	const first = await timed(results);
	let lastSeq = (JSON.parse(first.body) as { lastSeq: number }).lastSeq;
	for (let i = 0; i < 5; i++) await timed(`${results}?since=${lastSeq}`);

	const idle: number[] = [];
	for (let i = 0; i < ROUNDS; i++) idle.push((await timed(`${results}?since=${lastSeq}`)).ms);

	const busy: number[] = [];
	let busyBytes = 0;
	for (let round = 0; round < ROUNDS; round++) {
		for (let k = 0; k < 5; k++) {
			const now = Date.now();
			const res = await fetch(`${BASE}/api/assignments/${code}/submissions`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body(SUBMISSIONS + round * 5 + k, questionIds, now))
			});
			if (res.status !== 201) throw new Error(`submit answered ${res.status}`);
		}
		const poll = await timed(`${results}?since=${lastSeq}`);
		busy.push(poll.ms);
		busyBytes += poll.bytes;
		lastSeq = (JSON.parse(poll.body) as { lastSeq: number }).lastSeq;
	}

	const full: number[] = [];
	let fullBytes = 0;
	for (let i = 0; i < 10; i++) {
		const answer = await timed(results);
		full.push(answer.ms);
		fullBytes = answer.bytes;
	}
	const csv: number[] = [];
	let csvBytes = 0;
	for (let i = 0; i < 10; i++) {
		const answer = await timed(`/api/assignments/${code}/results.csv?tz=Europe/Paris`);
		csv.push(answer.ms);
		csvBytes = answer.bytes;
	}
	const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
	console.log(`${SUBMISSIONS.toLocaleString('en')} submissions, 10 questions, over loopback`);
	stats('poll ?since=, nothing new', idle);
	stats('poll ?since=, 5 new submissions', busy, `, ${kb(busyBytes / ROUNDS)} each`);
	stats('full results', full, `, ${kb(fullBytes)}`);
	stats('CSV stream to the last byte', csv, `, ${kb(csvBytes)}`);
} finally {
	server.stop();
	rmSync(dir, { recursive: true, force: true });
}
