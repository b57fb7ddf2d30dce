// The class dashboard's data request against the production build:
//   npm run build && npx tsx tests/benchmarks/class-dashboard-data.bench.ts
//   npx tsx tests/benchmarks/with-postgres.ts npx tsx tests/benchmarks/class-dashboard-data.bench.ts
// Seeds one class of 300 students (a roster, every student joined) and 20 assignments (10 quizzes
// of 10 questions, 10 reviews of 20 chosen cards): the classes and assignments through the API,
// then, straight into the database, about 9 of 10 students submitting each quiz (a third of them
// twice) and each student's review progress on about two thirds of each review's cards. Then
// times `GET /api/classes/<code>/dashboard` (RUNS times, default 50, after 5 warm-ups) and
// prints median, p95 and the answer's size. DATABASE_URL=postgres://... runs on PostgreSQL (else
// a SQLite file in a temporary folder). Figures go into docs/benchmarks.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, type DatabaseConfig } from '../../src/lib/server/db';
import { percentile, serveBuild } from './harness';

const PORT = 4791;
const BASE = `http://127.0.0.1:${PORT}`;
const STUDENTS = 300;
const QUIZZES = 10;
const REVIEWS = 10;
const RUNS = Number(process.env.RUNS ?? 50);
const DAY = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'meridian-class-bench-'));
const DATABASE_URL = process.env.DATABASE_URL ?? '';
const database: DatabaseConfig = DATABASE_URL
	? { engine: 'postgres', url: DATABASE_URL }
	: { engine: 'sqlite', path: join(dir, 'bench.sqlite') };
const server = serveBuild(BASE, PORT, {
	env: {
		...(database.engine === 'postgres'
			? { DATABASE_URL: database.url, DATABASE_PATH: '' }
			: { DATABASE_PATH: database.path, DATABASE_URL: '' }),
		RATE_LIMIT_RESULTS_PER_MIN: '100000',
		RATE_LIMIT_CREATE_PER_MIN: '100000'
	},
	readyPath: '/decks/index.json'
});

async function api(method: string, path: string, body?: unknown, key?: string) {
	const headers: Record<string, string> = {};
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (key) headers.authorization = `Bearer ${key}`;
	const send = () =>
		fetch(BASE + path, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	// After the seeding pause the kept-alive connection may have been closed by the server (its
	// keep-alive timeout is 5 s): one retry on a fresh connection.
	const res = await send().catch(send);
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
	return { text, json: JSON.parse(text) as Record<string, unknown> };
}

try {
	await server.ready;
	const now = Date.now();
	const roster = Array.from({ length: STUDENTS }, (_, i) => `Student ${i + 1}, ${100_000 + i}`);
	const klass = (
		await api('POST', '/api/classes', { name: 'Benchmark term', roster: roster.join('\n') })
	).json as { code: string; key: string; roster: { id: string }[] };
	const all = (await (await fetch(`${BASE}/decks/all.json`)).json()) as { cards: { id: string }[] };
	const assignments: { code: string; mode: 'quiz' | 'review'; cards: string[] }[] = [];
	for (let i = 0; i < QUIZZES + REVIEWS; i++) {
		const quiz = i % 2 === 0;
		const from = (i * 20) % (all.cards.length - 20);
		const cards = all.cards.slice(from, from + 20).map((c) => c.id);
		const body = quiz
			? { title: `Quiz ${i}`, deckId: 'all', mode: 'quiz', questionCount: 10, passMark: 0.6 }
			: { title: `Review ${i}`, deckId: 'all', mode: 'review', cardIds: cards };
		const made = (
			await api(
				'POST',
				'/api/assignments',
				{ ...body, classCode: klass.code, dueAt: new Date(now + (i - 10) * DAY).toISOString() },
				klass.key
			)
		).json as { code: string };
		const view = (await api('GET', `/api/assignments/${made.code}`)).json as {
			questionIds: string[];
		};
		assignments.push({ code: made.code, mode: quiz ? 'quiz' : 'review', cards: view.questionIds });
	}
	const db = await openDatabase(database);
	await migrate(db);
	const members = klass.roster.map((r, i) => ({
		class_code: klass.code,
		student_id: `bench-student-${String(i).padStart(4, '0')}`,
		key_hash: `${i}`.padStart(64, '0'),
		name: `Student ${i + 1}`,
		student_number: String(100_000 + i),
		roster_id: r.id,
		status: 'matched' as const,
		joined_at: now - 30 * DAY
	}));
	for (let i = 0; i < members.length; i += 100)
		await db
			.insertInto('members')
			.values(members.slice(i, i + 100))
			.execute();
	let submissions = 0;
	let progress = 0;
	for (const [a, assignment] of assignments.entries()) {
		const rows = [];
		const cards = [];
		for (const [s, member] of members.entries()) {
			if (assignment.mode === 'quiz') {
				if ((s + a) % 10 === 0) continue; // about one in ten never submits
				for (let attempt = 1; attempt <= ((s + a) % 3 === 0 ? 2 : 1); attempt++) {
					const finished = now - (20 - a) * DAY + s * 1000 + attempt * 3_600_000;
					const answers = assignment.cards.map((cardId, q) => ({
						cardId,
						response: { kind: 'text', text: 'x' },
						correct: (s + q + attempt) % 3 !== 0,
						score: (s + q + attempt) % 3 !== 0 ? 1 : 0,
						given: 'x'
					}));
					const correct = answers.filter((x) => x.correct).length;
					rows.push({
						assignment_code: assignment.code,
						id: `bench-${a}-${s}-${attempt}`,
						student_id: member.student_id,
						name: member.name,
						student_number: member.student_number,
						answers: JSON.stringify(answers),
						reviewed: '[]',
						score: (100 * correct) / answers.length,
						passed: Number(correct / answers.length >= 0.6),
						late: 0,
						correct,
						total: answers.length,
						started_at: finished - 600_000,
						finished_at: finished,
						received_at: finished,
						attempt,
						seq: rows.length + 1,
						change_seq: rows.length + 1,
						overtime: null
					});
				}
			} else {
				for (const [c, cardId] of assignment.cards.entries()) {
					if ((s + c) % 3 === 0) continue; // about two thirds studied
					cards.push({
						assignment_code: assignment.code,
						student_id: member.student_id,
						card_id: cardId,
						stability: 1 + ((s * 7 + c) % 30),
						difficulty: 5,
						last_review: now - ((s + c) % 10) * DAY,
						reps: 3,
						lapses: c % 2,
						state: 2,
						updated_at: now
					});
				}
			}
		}
		for (let i = 0; i < rows.length; i += 50)
			await db
				.insertInto('submissions')
				.values(rows.slice(i, i + 50))
				.execute();
		for (let i = 0; i < cards.length; i += 200)
			await db
				.insertInto('review_progress')
				.values(cards.slice(i, i + 200))
				.execute();
		submissions += rows.length;
		progress += cards.length;
	}
	await db.destroy();
	console.log(
		`${database.engine}: ${STUDENTS} students x ${assignments.length} assignments, ` +
			`${submissions.toLocaleString('en')} submissions, ${progress.toLocaleString('en')} progress rows`
	);
	const times: number[] = [];
	let bytes = 0;
	for (let i = 0; i < RUNS + 5; i++) {
		const start = performance.now();
		const { text, json } = await api(
			'GET',
			`/api/classes/${klass.code}/dashboard`,
			undefined,
			klass.key
		);
		const ms = performance.now() - start;
		if (i === 0 && (json.students as unknown[]).length !== STUDENTS)
			throw new Error('the dashboard did not list every student');
		if (i >= 5) times.push(ms);
		bytes = text.length;
	}
	console.log(
		`GET /api/classes/<code>/dashboard x ${RUNS}: median ${percentile(times, 50).toFixed(1)} ms, ` +
			`p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; ` +
			`${(bytes / 1024).toFixed(0)} KB; load average ${loadavg()
				.map((l) => l.toFixed(2))
				.join(' ')}`
	);
} finally {
	server.stop();
	rmSync(dir, { recursive: true, force: true });
}
