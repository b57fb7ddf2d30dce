import type { QuestionMark, SubmissionSummary } from '$lib/api';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AttemptColumns, Schema } from '../db';
import type { AssignmentSqlRow } from './assignments';
import { MARK_LETTER } from '../migrations/marks';
import type { StoredAnswer } from './grading';
import { flag } from './submissions';

// ---- Submissions as the instructor sees them, attempts and the counted one judged in SQL ------

/** A submission with its attempt number and its place under the assignment's `counts` rule. */
interface SummaryRow
	extends
		AttemptColumns,
		Pick<Schema['submissions'], 'student_id' | 'name' | 'student_number' | 'marks'> {
	/** The answers only where `marks` is NULL (the reader then parses them). */
	answers: string | null;
	/** Numbered by finish time among the student's submissions. */
	attempt: number;
	rule_place: number;
}

// Attempts are numbered, and "first" and "latest" judged, by when the student finished them; the
// best is the highest score, on a tie the earlier attempt.
const BY_FINISH = sql`finished_at, received_at, seq`;
const RULE_ORDER = {
	first: BY_FINISH,
	latest: sql`finished_at DESC, received_at DESC, seq DESC`,
	best: sql`COALESCE(score, -1) DESC, finished_at, received_at, seq`
} as const;

/** Which students' submissions to read: all, or those a subquery of `student_id`s names. */
export type Students = RawBuilder<unknown> | null;

/** Students with a submission stored or changed after `since`. */
export const changedSince = (code: string, since: number): Students =>
	sql`SELECT student_id FROM submissions WHERE assignment_code = ${code} AND change_seq > ${since}`;

/** Students of the `limit` submissions stored after `after`, in the order stored. */
const pageStudents = (code: string, after: number, limit: number): Students =>
	sql`SELECT student_id FROM submissions WHERE assignment_code = ${code} AND seq > ${after}
		ORDER BY seq LIMIT ${limit}`;

async function summaryRows(
	db: Kysely<Schema>,
	row: AssignmentSqlRow,
	students: Students,
	page?: { after: number; limit: number }
): Promise<SummaryRow[]> {
	const result = await sql<SummaryRow>`
		SELECT * FROM (
			SELECT id, student_id, name, student_number, marks,
				CASE WHEN marks IS NULL THEN answers END AS answers, score, passed, late, correct, total,
				started_at, finished_at, received_at, seq,
				ROW_NUMBER() OVER (PARTITION BY student_id ORDER BY ${BY_FINISH}) AS attempt,
				ROW_NUMBER() OVER (PARTITION BY student_id ORDER BY ${RULE_ORDER[row.counts]}) AS rule_place
			FROM submissions
			WHERE assignment_code = ${row.code}
				${students ? sql`AND student_id IN (${students})` : sql``}
		) r
		${page ? sql`WHERE seq > ${page.after}` : sql``}
		ORDER BY seq
		${page ? sql`LIMIT ${page.limit}` : sql``}`.execute(db);
	return result.rows;
}

const MARK_OF_LETTER: Record<string, QuestionMark> = Object.fromEntries(
	Object.entries(MARK_LETTER).map(([mark, letter]) => [letter, mark as QuestionMark])
);

/** The marks a stored marks text (migration 8) spells, one letter per question. */
export function marksFromText(text: string): QuestionMark[] {
	return Array.from(text, (letter) => MARK_OF_LETTER[letter] ?? 'blank');
}

/** One mark per question in `questionIds` order: right, wrong (or partly right) or blank. */
export function marksOf(answersJson: string, questionIds: readonly string[]): QuestionMark[] {
	const answers = new Map(
		(JSON.parse(answersJson) as StoredAnswer[]).map((a) => [a.cardId, a] as const)
	);
	return questionIds.map((id) => {
		const a = answers.get(id);
		return !a || a.blank ? 'blank' : a.correct ? 'right' : 'wrong';
	});
}

const iso = (ms: number) => new Date(ms).toISOString();

function summary(s: SummaryRow, row: AssignmentSqlRow, questionIds: readonly string[]) {
	return {
		id: s.id,
		score: s.score,
		passed: flag(s.passed),
		late: s.late === 1,
		sentAfterDue: s.received_at > Date.parse(row.due_at),
		correct: s.correct,
		total: s.total,
		studentId: s.student_id,
		name: s.name,
		studentNumber: s.student_number,
		startedAt: iso(s.started_at),
		finishedAt: iso(s.finished_at),
		durationMs: s.finished_at - s.started_at,
		receivedAt: iso(s.received_at),
		attempt: Number(s.attempt),
		counts: Number(s.rule_place) === 1,
		seq: s.seq,
		marks:
			row.mode !== 'quiz'
				? []
				: s.marks !== null
					? marksFromText(s.marks)
					: marksOf(s.answers ?? '[]', questionIds)
	} satisfies SubmissionSummary;
}

/** The submissions of `students` (null: every student), in the order stored. */
export async function summaries(
	db: Kysely<Schema>,
	row: AssignmentSqlRow,
	questionIds: readonly string[],
	students: Students
): Promise<SubmissionSummary[]> {
	return (await summaryRows(db, row, students)).map((s) => summary(s, row, questionIds));
}

/**
 * Every submission in the order stored, `size` at a time (one query per page: only the page's
 * students' rows are read to number their attempts), for streaming.
 */
export async function* summaryPages(
	db: Kysely<Schema>,
	row: AssignmentSqlRow,
	questionIds: readonly string[],
	size = 500
): AsyncGenerator<SubmissionSummary[]> {
	let after = 0;
	for (;;) {
		const rows = await summaryRows(db, row, pageStudents(row.code, after, size), {
			after,
			limit: size
		});
		if (rows.length === 0) return;
		yield rows.map((s) => summary(s, row, questionIds));
		after = rows[rows.length - 1]!.seq;
		if (rows.length < size) return;
	}
}
