import type {
	AnswerDetail,
	AssignmentGrid,
	AttemptDetail,
	CellStatus,
	ClassDashboard,
	ClassMe,
	DashboardAssignment,
	DashboardCell,
	DashboardStudent,
	MyResult,
	StudentAssignment,
	StudentDetail
} from '$lib/api';
import type { Card, Deck } from '$lib/decks/types';
import { sql, type Kysely } from 'kysely';
import { cardsOf, view, type AssignmentSqlRow } from '../assignments/assignments';
import type { StoredAnswer } from '../assignments/grading';
import { flag } from '../assignments/submissions';
import type { AttemptColumns, DB, Schema } from '../db';
import { ApiError } from '../http';
import type { ClassRow, MemberRow } from './auth';
import { memberView, membersOf, publicView, rosterOf, rosterView, type RosterRow } from './classes';
import { recallSql, studiedSql } from './recall';

// ---- What the instructor and the student read: the grid, a student, one's own class ----------

const iso = (ms: number) => new Date(ms).toISOString();
export const classAssignments = (db: Kysely<Schema>, code: string) =>
	db
		.selectFrom('assignments')
		.selectAll()
		.where('class_code', '=', code)
		.orderBy('created_at')
		.orderBy('code')
		.execute();

export function dashboardAssignment(row: AssignmentSqlRow): DashboardAssignment {
	return {
		code: row.code,
		title: row.title,
		mode: row.mode,
		deckId: row.deck_id,
		dueAt: row.due_at,
		createdAt: row.created_at,
		closed: row.closed_at !== null,
		timeLimitMinutes: row.time_limit_minutes,
		shuffle: row.shuffle === 1,
		itemCount: (JSON.parse(row.question_ids) as string[]).length
	};
}

/** A student's counting attempt of one assignment, with their attempts and first finish. */
interface CountedRow extends Omit<AttemptRow, 'seq'> {
	id: string;
	/** As sent with the counting attempt. */
	name: string;
	attempts: number;
	first_finish: number;
}

/**
 * Per assignment of the class and student, the attempt that counts under the assignment's rule
 * (best score, on a tie the earlier; first or latest finished), in one query over the window.
 */
async function countedAttempts(
	db: Kysely<Schema>,
	assignmentCodes: readonly string[],
	only?: { student?: string }
): Promise<CountedRow[]> {
	if (assignmentCodes.length === 0) return [];
	const studentFilter = only?.student ? sql`AND s.student_id = ${only.student}` : sql``;
	return sql<CountedRow>`SELECT assignment_code, student_id, score, passed, overtime, finished_at, id, name, attempts, first_finish FROM (
		SELECT s.assignment_code, s.student_id, s.score, s.passed, s.overtime, s.finished_at, s.id, s.name,
			COUNT(*) OVER w AS attempts,
			MIN(s.finished_at) OVER w AS first_finish,
			ROW_NUMBER() OVER (PARTITION BY s.assignment_code, s.student_id ORDER BY
				CASE WHEN a.counts = 'best' THEN -COALESCE(s.score, -1) ELSE 0 END,
				CASE WHEN a.counts = 'latest' THEN -s.finished_at ELSE s.finished_at END,
				s.seq) AS rn
		FROM submissions s JOIN assignments a ON a.code = s.assignment_code
		WHERE s.assignment_code IN (${sql.join(assignmentCodes)}) ${studentFilter}
		WINDOW w AS (PARTITION BY s.assignment_code, s.student_id)
	) t WHERE rn = 1`
		.execute(db)
		.then((r) => r.rows);
}

/** One submission as the dashboard weighs it: no answers, no names. */
interface AttemptRow {
	assignment_code: string;
	student_id: string;
	score: number | null;
	passed: number | null;
	overtime: number | null;
	finished_at: number;
	seq: number;
}

/** A student's attempts of one assignment, summed up: how many, the first finish, the one that counts. */
interface AttemptSummary {
	attempts: number;
	firstFinish: number;
	counted: AttemptRow;
}

/**
 * Whether attempt `a` counts before `b` under the rule: `best` the higher score (none as -1),
 * on a tie the earlier; `first` the earlier; `latest` the later; then the lower `seq`. The same
 * order as {@link countedAttempts}' window.
 */
function countsBefore(a: AttemptRow, b: AttemptRow, counts: AssignmentSqlRow['counts']): boolean {
	if (counts === 'best') {
		const sa = a.score ?? -1;
		const sb = b.score ?? -1;
		if (sa !== sb) return sa > sb;
	}
	const fa = Number(a.finished_at);
	const fb = Number(b.finished_at);
	if (fa !== fb) return counts === 'latest' ? fa > fb : fa < fb;
	return Number(a.seq) < Number(b.seq);
}

/**
 * Per assignment and student: the attempts summed up in one pass over the submissions' small
 * columns (a plain indexed read: the window of {@link countedAttempts} sorts every row and reads
 * it whole, three times the cost at a term's 3,600 submissions).
 */
async function attemptSummaries(
	db: Kysely<Schema>,
	assignments: readonly AssignmentSqlRow[]
): Promise<Map<string, AttemptSummary>[]> {
	const summaries = assignments.map(() => new Map<string, AttemptSummary>());
	if (assignments.length === 0) return summaries;
	const column = new Map(assignments.map((a, i) => [a.code, i]));
	const rows = await db
		.selectFrom('submissions')
		.select(['assignment_code', 'student_id', 'score', 'passed', 'overtime', 'finished_at', 'seq'])
		.where(
			'assignment_code',
			'in',
			assignments.map((a) => a.code)
		)
		.execute();
	for (const row of rows as AttemptRow[]) {
		const i = column.get(row.assignment_code)!;
		const counts = assignments[i]!.counts;
		const summary = summaries[i]!.get(row.student_id);
		const finished = Number(row.finished_at);
		if (!summary) {
			summaries[i]!.set(row.student_id, { attempts: 1, firstFinish: finished, counted: row });
			continue;
		}
		summary.attempts++;
		if (finished < summary.firstFinish) summary.firstFinish = finished;
		if (countsBefore(row, summary.counted, counts)) summary.counted = row;
	}
	return summaries;
}

interface ProgressRow {
	assignment_code: string;
	student_id: string;
	studied: number;
	recall: number | null;
}

/**
 * The SQL of {@link progressSummary} (for a non-empty list of assignments): read from the covering
 * index `review_progress_summary` (migration 9), whose columns come in group order (no sort, no
 * lookups in the table).
 */
export function progressSummarySql(
	assignmentCodes: readonly string[],
	now: number,
	student?: string
) {
	const studentFilter = student ? sql`AND p.student_id = ${student}` : sql``;
	return sql<ProgressRow>`SELECT p.assignment_code, p.student_id,
			COUNT(*) AS studied, AVG(${recallSql(now)}) AS recall
		FROM review_progress p
		WHERE p.assignment_code IN (${sql.join(assignmentCodes)}) ${studentFilter} AND ${studiedSql}
		GROUP BY p.assignment_code, p.student_id`;
}

/** Per assignment (of those given) and student: cards studied and their mean predicted recall now. */
async function progressSummary(
	db: Kysely<Schema>,
	assignmentCodes: readonly string[],
	now: number,
	student?: string
): Promise<ProgressRow[]> {
	if (assignmentCodes.length === 0) return [];
	return progressSummarySql(assignmentCodes, now, student)
		.execute(db)
		.then((r) => r.rows);
}

function extensionsOf(db: Kysely<Schema>, classCode: string, student?: string) {
	let query = db
		.selectFrom('extensions as e')
		.innerJoin('assignments as a', 'a.code', 'e.assignment_code')
		.select(['e.assignment_code', 'e.student_id', 'e.due_at'])
		.where('a.class_code', '=', classCode);
	if (student) query = query.where('e.student_id', '=', student);
	return query.execute();
}

/** The status of one cell: by the student's effective due date and whether anything arrived. */
function cellStatus(
	firstFinish: number | null,
	done: boolean,
	dueAt: number,
	now: number
): CellStatus {
	if (firstFinish !== null) return firstFinish > dueAt ? 'late' : 'submitted';
	if (done) return 'submitted';
	return now > dueAt ? 'missing' : 'open';
}

/**
 * The class dashboard: every roster entry and member against every assignment, aggregated by the
 * database in a few queries (counted attempts over a window, review progress with its recall at
 * `now`, extensions), assembled here.
 */
export async function getDashboard(db: DB, klass: ClassRow, now: number): Promise<ClassDashboard> {
	const code = klass.code;
	const assignments = await classAssignments(db, code);
	const reviews = assignments.filter((a) => a.mode === 'review').map((a) => a.code);
	const [roster, members, attempts, progress, extensions] = await Promise.all([
		rosterOf(db, code),
		membersOf(db, code),
		attemptSummaries(db, assignments),
		progressSummary(db, reviews, now),
		extensionsOf(db, code)
	]);
	// Per column, by student: read once each, no composite string keys.
	const column = new Map(assignments.map((a, i) => [a.code, i]));
	const progressBy = assignments.map(() => new Map<string, ProgressRow>());
	for (const p of progress) progressBy[column.get(p.assignment_code)!]!.set(p.student_id, p);
	const extensionBy = assignments.map(() => new Map<string, number>());
	for (const e of extensions)
		extensionBy[column.get(e.assignment_code)!]?.set(e.student_id, Number(e.due_at));
	const columns = assignments.map((row) => ({
		review: row.mode === 'review',
		dueAt: Date.parse(row.due_at),
		items: (JSON.parse(row.question_ids) as string[]).length
	}));
	const cellsOf = (studentId: string | null): DashboardCell[] =>
		columns.map(({ review, dueAt, items }, i) => {
			const c = studentId === null ? undefined : attempts[i]!.get(studentId);
			const p = studentId === null ? undefined : progressBy[i]!.get(studentId);
			const extended = studentId === null ? undefined : extensionBy[i]!.get(studentId);
			const studied = review ? Number(p?.studied ?? 0) : null;
			return {
				status: cellStatus(
					c ? c.firstFinish : null,
					review && studied !== null && studied >= items,
					extended ?? dueAt,
					now
				),
				score: c?.counted.score ?? null,
				passed: c ? flag(c.counted.passed) : null,
				attempts: c?.attempts ?? 0,
				extendedTo: extended === undefined ? null : iso(extended),
				overtime: c?.counted.overtime === 1,
				cardsStudied: studied,
				recall: review && p?.recall != null ? Number(p.recall) : null
			};
		});
	const multiplier = new Map(roster.map((r) => [r.id, r.time_multiplier]));
	const byRoster = new Map(members.filter((m) => m.roster_id).map((m) => [m.roster_id!, m]));
	const students: DashboardStudent[] = roster.map((r) => {
		const m = byRoster.get(r.id);
		return {
			studentId: m?.student_id ?? null,
			rosterId: r.id,
			name: r.name,
			studentNumber: r.student_number ?? m?.student_number ?? null,
			status: m ? m.status : 'not joined',
			timeMultiplier: r.time_multiplier,
			cells: cellsOf(m?.student_id ?? null)
		};
	});
	for (const m of members) {
		if (m.roster_id && multiplier.has(m.roster_id)) continue;
		students.push({
			studentId: m.student_id,
			rosterId: null,
			name: m.name,
			studentNumber: m.student_number,
			status: m.status,
			timeMultiplier: 1,
			cells: cellsOf(m.student_id)
		});
	}
	const memberViews = members.map((m) =>
		memberView(m, m.roster_id ? (multiplier.get(m.roster_id) ?? 1) : 1)
	);
	return {
		class: publicView(klass, roster.length > 0),
		assignments: assignments.map(dashboardAssignment),
		students,
		roster: roster.map((r) => rosterView(r, byRoster.get(r.id)?.student_id ?? null)),
		members: memberViews,
		pending: memberViews.filter((m) => m.status === 'pending'),
		at: iso(now)
	};
}

type SubmissionRowLite = AttemptColumns &
	Pick<Schema['submissions'], 'assignment_code' | 'overtime' | 'answers' | 'reviewed'>;

function studentSubmissions(db: Kysely<Schema>, classCode: string, studentId: string) {
	return db
		.selectFrom('submissions as s')
		.innerJoin('assignments as a', 'a.code', 's.assignment_code')
		.select([
			's.assignment_code',
			's.id',
			's.score',
			's.passed',
			's.late',
			's.correct',
			's.total',
			's.started_at',
			's.finished_at',
			's.received_at',
			's.overtime',
			's.seq',
			's.answers',
			's.reviewed'
		])
		.where('a.class_code', '=', classCode)
		.where('s.student_id', '=', studentId)
		.orderBy('s.finished_at')
		.orderBy('s.seq')
		.execute() as Promise<SubmissionRowLite[]>;
}

/** One student's attempts of one assignment as MyResult, numbered in the order finished. */
function myResults(
	rows: readonly SubmissionRowLite[],
	assignment: AssignmentSqlRow,
	dueAt: number
): MyResult[] {
	let pick: SubmissionRowLite | undefined;
	for (const r of rows) {
		if (!pick) pick = r;
		else if (assignment.counts === 'latest') pick = r;
		else if (assignment.counts === 'best' && (r.score ?? -1) > (pick.score ?? -1)) pick = r;
	}
	return rows.map((r, i) => ({
		id: r.id,
		score: r.score,
		passed: flag(r.passed),
		late: r.finished_at > dueAt,
		correct: r.correct,
		total: r.total,
		startedAt: iso(r.started_at),
		finishedAt: iso(r.finished_at),
		durationMs: r.finished_at - r.started_at,
		overtime: flag(r.overtime),
		attempt: i + 1,
		counts: r === pick
	}));
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
	const groups = new Map<K, T[]>();
	for (const item of items) {
		const list = groups.get(keyOf(item));
		if (list) list.push(item);
		else groups.set(keyOf(item), [item]);
	}
	return groups;
}

/** The student's own class: every assignment with their extension, limit and results. */
export async function getMyClass(
	db: DB,
	decks: Deck[],
	klass: ClassRow,
	member: MemberRow,
	now: number
): Promise<ClassMe> {
	const code = klass.code;
	const assignments = await classAssignments(db, code);
	const codes = assignments.map((a) => a.code);
	const [roster, submissions, progress, extensions] = await Promise.all([
		rosterOf(db, code),
		studentSubmissions(db, code, member.student_id),
		progressSummary(db, codes, now, member.student_id),
		extensionsOf(db, code, member.student_id)
	]);
	const multiplier = roster.find((r) => r.id === member.roster_id)?.time_multiplier ?? 1;
	const byAssignment = groupBy(submissions, (s) => s.assignment_code);
	const studied = new Map(progress.map((p) => [p.assignment_code, Number(p.studied)]));
	const extended = new Map(extensions.map((e) => [e.assignment_code, e.due_at]));
	const list = assignments.map((row): StudentAssignment => {
		const base = view(row, decks);
		const extension = extended.get(row.code);
		const dueAt = extension ?? Date.parse(row.due_at);
		return {
			...base,
			dueAt: iso(dueAt),
			assignmentDueAt: row.due_at,
			extendedTo: extension === undefined ? null : iso(extension),
			closed: row.closed_at !== null,
			effectiveTimeLimitMinutes:
				row.time_limit_minutes === null ? null : row.time_limit_minutes * multiplier,
			results: myResults(byAssignment.get(row.code) ?? [], row, dueAt),
			cardsStudied: row.mode === 'review' ? (studied.get(row.code) ?? 0) : null
		};
	});
	return {
		class: publicView(klass, roster.length > 0),
		member: memberView(member, multiplier),
		assignments: list.reverse()
	};
}

function answerDetails(answers: readonly StoredAnswer[], cards: Map<string, Card>): AnswerDetail[] {
	return answers.map((a) => {
		const card = cards.get(a.cardId);
		return {
			cardId: a.cardId,
			prompt: card?.prompt ?? '',
			response: a.response,
			given: a.given,
			correct: a.correct,
			score: a.score,
			answer: card?.answer ?? ''
		};
	});
}

/** Every attempt and answer of one member across the class, and their review progress. */
export async function getStudentDetail(
	db: DB,
	decks: Deck[],
	klass: ClassRow,
	studentId: string,
	now: number
): Promise<StudentDetail> {
	const code = klass.code;
	const member = await db
		.selectFrom('members')
		.selectAll()
		.where('class_code', '=', code)
		.where('student_id', '=', studentId)
		.executeTakeFirst();
	if (!member)
		throw new ApiError(404, `studentId: "${studentId.slice(0, 64)}" is not a member of this class`);
	const assignments = await classAssignments(db, code);
	const codes = assignments.map((a) => a.code);
	const [roster, submissions, progress, extensions] = await Promise.all([
		rosterOf(db, code),
		studentSubmissions(db, code, studentId),
		progressSummary(db, codes, now, studentId),
		extensionsOf(db, code, studentId)
	]);
	const byCode = new Map(assignments.map((a) => [a.code, a]));
	const extended = new Map(extensions.map((e) => [e.assignment_code, e.due_at]));
	const byAssignment = groupBy(submissions, (s) => s.assignment_code);
	const attempts: AttemptDetail[] = [];
	for (const [assignmentCode, rows] of byAssignment) {
		const row = byCode.get(assignmentCode)!;
		const cards = cardsOf(decks.find((d) => d.id === row.deck_id));
		const results = myResults(rows, row, extended.get(assignmentCode) ?? Date.parse(row.due_at));
		rows.forEach((r, i) =>
			attempts.push({
				...results[i]!,
				assignmentCode,
				title: row.title,
				mode: row.mode,
				receivedAt: iso(r.received_at),
				answers: answerDetails(JSON.parse(r.answers) as StoredAnswer[], cards),
				reviewed: JSON.parse(r.reviewed) as string[]
			})
		);
	}
	attempts.sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt));
	const progressBy = new Map(progress.map((p) => [p.assignment_code, p]));
	const multiplier = roster.find((r) => r.id === member.roster_id)?.time_multiplier ?? 1;
	return {
		member: memberView(member, multiplier),
		attempts,
		progress: assignments
			.filter((a) => a.mode === 'review')
			.map((a) => {
				const p = progressBy.get(a.code);
				return {
					assignmentCode: a.code,
					cardsStudied: Number(p?.studied ?? 0),
					total: (JSON.parse(a.question_ids) as string[]).length,
					recall: p?.recall == null ? null : Number(p.recall)
				};
			}),
		extensions: extensions.map((e) => ({ assignmentCode: e.assignment_code, dueAt: iso(e.due_at) }))
	};
}

/** The options a choice question offers, and true/false as two. */
function optionsOf(card: Card | undefined): string[] {
	if (!card) return [];
	if (card.type === 'mcq') return [...card.options];
	if (card.type === 'truefalse') return ['true', 'false'];
	return [];
}

/** One assignment of the class in detail: a student x question grid and per-option counts. */
export async function getAssignmentGrid(
	db: DB,
	decks: Deck[],
	klass: ClassRow,
	assignmentCode: string
): Promise<AssignmentGrid> {
	const row = await db
		.selectFrom('assignments')
		.selectAll()
		.where('code', '=', assignmentCode)
		.where('class_code', '=', klass.code)
		.executeTakeFirst();
	if (!row) throw new ApiError(404, `no assignment "${assignmentCode.slice(0, 20)}" in this class`);
	const counted = await countedAttempts(db, [assignmentCode]);
	const ids = counted.map((c) => c.id);
	const answers = new Map<string, StoredAnswer[]>();
	for (let i = 0; i < ids.length; i += 500) {
		const found = await db
			.selectFrom('submissions')
			.select(['id', 'answers'])
			.where('assignment_code', '=', assignmentCode)
			.where('id', 'in', ids.slice(i, i + 500))
			.execute();
		for (const f of found) answers.set(f.id, JSON.parse(f.answers) as StoredAnswer[]);
	}
	const members = new Map((await membersOf(db, klass.code)).map((m) => [m.student_id, m]));
	const roster = new Map(
		(await rosterOf(db, klass.code)).map((r): [string, RosterRow] => [r.id, r])
	);
	const cards = cardsOf(decks.find((d) => d.id === row.deck_id));
	const questionIds = row.mode === 'quiz' ? (JSON.parse(row.question_ids) as string[]) : [];
	const questions = questionIds.map((id) => {
		const card = cards.get(id);
		return {
			cardId: id,
			prompt: card?.prompt ?? '',
			answer: card?.answer ?? '',
			type: card?.type ?? '',
			options: optionsOf(card)
		};
	});
	const optionCounts: Record<string, number[]> = {};
	for (const q of questions)
		if (q.options.length > 0) optionCounts[q.cardId] = q.options.map(() => 0);
	const rows = counted.map((c) => {
		const given = new Map((answers.get(c.id) ?? []).map((a) => [a.cardId, a]));
		for (const q of questions) {
			const a = given.get(q.cardId);
			const counts = optionCounts[q.cardId];
			if (!a || !counts) continue;
			const picked =
				a.response.kind === 'choice'
					? q.options.indexOf(a.response.option)
					: a.response.kind === 'truefalse'
						? a.response.value
							? 0
							: 1
						: -1;
			if (picked >= 0) counts[picked]!++;
		}
		const member = members.get(c.student_id);
		const entry = member?.roster_id ? roster.get(member.roster_id) : undefined;
		return {
			studentId: c.student_id,
			name: entry?.name ?? member?.name ?? c.name,
			studentNumber: entry?.student_number ?? member?.student_number ?? null,
			score: c.score,
			answers: questions.map((q) => {
				const a = given.get(q.cardId);
				return a ? { given: a.given, correct: a.correct } : null;
			})
		};
	});
	rows.sort((a, b) => a.name.localeCompare(b.name));
	return { assignment: dashboardAssignment(row), questions, rows, optionCounts };
}
