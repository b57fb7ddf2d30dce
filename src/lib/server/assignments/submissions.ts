import { NewSubmissionSchema, type SubmissionResult, type TimedSubmissionResult } from '$lib/api';
import type { Deck } from '$lib/decks/types';
import { QuizResponseKindError } from '$lib/quiz';
import { sql, type Kysely } from 'kysely';
import { engineOf, hotQuery, writeTransaction, type DB, type Schema } from '../db';
import { ApiError, parseBody } from '../http';
import { marksText } from '../migrations/marks';
import type { StoreOutcome } from '../migrations/store-submission';
import {
	cardsOf,
	findAssignment,
	mayBeAssignmentCode,
	nextSeq,
	noAssignment,
	usesClassFields,
	view,
	type AssignmentSqlRow
} from './assignments';
import {
	acceptedResponses,
	acceptedSet,
	gradeAnswer,
	quizOutcome,
	type Accepted,
	type Outcome,
	type StoredAnswer
} from './grading';

export type { StoredAnswer } from './grading';

// ---- Submissions ---------------------------------------------------------------------------

/**
 * How far after the server's clock a finish time may be and still be believed: a phone's clock a
 * little fast. A finish time up to this far ahead is read as the time the server received it.
 */
export const CLOCK_SKEW_MS = 2 * 60_000;

/** A row of the `submissions` table. */
export type SubmissionRow = Omit<Schema['submissions'], 'assignment_code'>;

function positiveInt(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * The caps on stored submissions, from the environment: attempts per student per assignment
 * (`MAX_ATTEMPTS_PER_STUDENT`, default 100) and submissions per assignment
 * (`MAX_SUBMISSIONS_PER_ASSIGNMENT`, default 20,000).
 */
export function submissionCaps() {
	return {
		perStudent: positiveInt('MAX_ATTEMPTS_PER_STUDENT', 100),
		perAssignment: positiveInt('MAX_SUBMISSIONS_PER_ASSIGNMENT', 20_000)
	};
}

export const flag = (value: number | null) => (value === null ? null : value === 1);

export function resultOf(row: SubmissionRow, assignment: Pick<AssignmentSqlRow, 'due_at'>) {
	const { id, score, correct, total } = row;
	const sentAfterDue = row.received_at > Date.parse(assignment.due_at);
	return {
		id,
		score,
		passed: flag(row.passed),
		late: row.late === 1,
		sentAfterDue,
		correct,
		total
	} satisfies SubmissionResult;
}

/** A stored submission's result with its duration and overtime flag. */
function timedResult(
	row: SubmissionRow,
	assignment: AssignmentSqlRow
): SubmissionResult | TimedSubmissionResult {
	const result = resultOf(row, assignment);
	if (!usesClassFields(assignment)) return result;
	return { ...result, durationMs: row.finished_at - row.started_at, overtime: flag(row.overtime) };
}

/** The 409 for a submission to a closed assignment. */
const closedError = (assignment: AssignmentSqlRow) =>
	new ApiError(
		409,
		`code: "${assignment.title}" (${assignment.code}) is closed; this submission was not recorded`
	);

/**
 * A student's own terms of a class assignment: their extension (epoch ms) and their roster time
 * multiplier; none and 1 outside a class.
 */
export async function studentTerms(
	db: Kysely<Schema>,
	assignment: AssignmentSqlRow,
	studentId: string
): Promise<{ dueAt: number | null; multiplier: number }> {
	if (assignment.class_code === null) return { dueAt: null, multiplier: 1 };
	const [extension, roster] = await Promise.all([
		db
			.selectFrom('extensions')
			.select('due_at')
			.where('assignment_code', '=', assignment.code)
			.where('student_id', '=', studentId)
			.executeTakeFirst(),
		db
			.selectFrom('members as m')
			.innerJoin('roster as r', (j) =>
				j.onRef('r.class_code', '=', 'm.class_code').onRef('r.id', '=', 'm.roster_id')
			)
			.select('r.time_multiplier')
			.where('m.class_code', '=', assignment.class_code)
			.where('m.student_id', '=', studentId)
			.executeTakeFirst()
	]);
	return { dueAt: extension?.due_at ?? null, multiplier: roster?.time_multiplier ?? 1 };
}

const submissionById = hotQuery(['code', 'id'], (db, a: { code: string; id: string }) =>
	db
		.selectFrom('submissions')
		.selectAll()
		.where('assignment_code', '=', a.code)
		.where('id', '=', a.id)
		.compile()
);

const findSubmission = async (db: Kysely<Schema>, code: string, id: string) =>
	(await submissionById(db, { code, id }))[0];

// What storing a submission reads and writes in its write transaction on SQLite.
const assignmentForStore = hotQuery(['code'], (db, { code }: { code: string }) =>
	db
		.selectFrom('assignments')
		.select(['closed_at', 'submission_count'])
		.where('code', '=', code)
		.compile()
);
const attemptsOf = hotQuery(['code', 'studentId'], (db, a: { code: string; studentId: string }) =>
	db
		.selectFrom('submissions')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('assignment_code', '=', a.code)
		.where('student_id', '=', a.studentId)
		.compile()
);
/** Every column of `submissions`: a new row gives each. */
const SUBMISSION_COLUMNS = [
	'assignment_code',
	'id',
	'student_id',
	'name',
	'student_number',
	'answers',
	'marks',
	'reviewed',
	'score',
	'passed',
	'late',
	'correct',
	'total',
	'started_at',
	'finished_at',
	'received_at',
	'overtime',
	'attempt',
	'seq',
	'change_seq'
] as const satisfies readonly (keyof Schema['submissions'])[];
const insertSubmission = hotQuery(SUBMISSION_COLUMNS, (db, row: Schema['submissions']) =>
	db.insertInto('submissions').values(row).compile()
);

/**
 * What a submission reads before grading: the assignment (404 without one), the stored
 * submission with the retry's id, and the accepted responses. On SQLite three statements, each
 * run at once (see `hotQuery`); on PostgreSQL one statement, each row as JSON, so a submission
 * makes one round trip to the database here, not three (each a query on a pooled connection).
 */
async function readForSubmission(
	db: DB,
	code: string,
	retryId: string | null
): Promise<[AssignmentSqlRow, SubmissionRow | undefined, Accepted]> {
	if (engineOf(db) !== 'postgres')
		return Promise.all([
			findAssignment(db, code),
			retryId === null ? undefined : findSubmission(db, code, retryId),
			acceptedResponses(db, code)
		]);
	if (!mayBeAssignmentCode(code)) throw noAssignment(code);
	const [read] = await readOnPostgres(db, { code, id: retryId });
	if (!read?.assignment) throw noAssignment(code);
	const accepted = read.accepted.map(([card_id, response_key]) => ({ card_id, response_key }));
	return [read.assignment, read.stored ?? undefined, acceptedSet(accepted)];
}

const readOnPostgres = hotQuery(['code', 'id'], (db, a: { code: string; id: string | null }) =>
	sql<{
		assignment: AssignmentSqlRow | null;
		stored: SubmissionRow | null;
		accepted: [string, string][];
	}>`SELECT
		(SELECT row_to_json(x) FROM assignments x WHERE x.code = ${a.code}) AS assignment,
		(SELECT row_to_json(x) FROM submissions x
			WHERE x.assignment_code = ${a.code} AND x.id = ${a.id}) AS stored,
		(SELECT coalesce(json_agg(json_build_array(x.card_id, x.response_key)), '[]'::json)
			FROM acceptances x WHERE x.assignment_code = ${a.code}) AS accepted`.compile(db)
);

function noDuplicates(ids: string[], field: string): void {
	const seen = new Set<string>();
	ids.forEach((id, i) => {
		if (seen.has(id)) throw new ApiError(400, `${field}.${i}: "${id}" is listed twice`);
		seen.add(id);
	});
}

/**
 * Grades and stores a submission, grading the raw answers with the app's own code (any score the
 * client sends is ignored). A submission whose `id` is already stored is not stored again: its
 * stored result comes back with `created: false`, whatever the body says this time.
 */
export async function submitAssignment(
	db: DB,
	decks: Deck[],
	code: string,
	input: unknown,
	now: number
): Promise<{ created: boolean; result: SubmissionResult | TimedSubmissionResult }> {
	// A retry from an outbox must get its result back even if the app has changed since.
	const retryId = (input as { id?: unknown } | null)?.id;
	// Read together (on PostgreSQL three connections at once): the assignment, the retry, and the
	// responses the instructor has accepted, which grading a quiz needs.
	const [assignment, stored, accepted] = await readForSubmission(
		db,
		code,
		typeof retryId === 'string' ? retryId : null
	);
	if (stored) return { created: false, result: timedResult(stored, assignment) };
	if (assignment.closed_at !== null) throw closedError(assignment);
	const data = parseBody(NewSubmissionSchema, input);
	if (data.finishedAt > now + CLOCK_SKEW_MS) {
		throw new ApiError(
			400,
			`finishedAt: ${new Date(data.finishedAt).toISOString()} is in the future (the server's time is ${new Date(now).toISOString()})`
		);
	}
	// The finish time the student's device reports, but never later than its arrival here.
	const finishedAt = Math.min(data.finishedAt, now);
	const startedAt = Math.min(data.startedAt, finishedAt);
	const { questionIds } = view(assignment, decks);
	const cards = cardsOf(decks.find((d) => d.id === assignment.deck_id));
	// In a class: the student's extension moves the due date; their multiplier the time limit.
	const terms = await studentTerms(db, assignment, data.studentId);
	const dueAt = terms.dueAt ?? Date.parse(assignment.due_at);
	const late = finishedAt > dueAt;
	const durationMs = finishedAt - startedAt;
	const limitMs =
		assignment.time_limit_minutes === null
			? null
			: assignment.time_limit_minutes * terms.multiplier * 60_000;
	const overtime = limitMs === null ? null : durationMs > limitMs;
	let answers: StoredAnswer[] = [];
	let reviewed: string[] = [];
	let outcome: Outcome;
	if (assignment.mode === 'quiz') {
		const asked = new Set(questionIds);
		if (data.answers.length > questionIds.length) {
			throw new ApiError(
				400,
				`answers: at most ${questionIds.length} answers, got ${data.answers.length}`
			);
		}
		noDuplicates(
			data.answers.map((a) => a.cardId),
			'answers'
		);
		answers = data.answers.map(({ cardId, response }, i) => {
			const card = cards.get(cardId);
			if (!asked.has(cardId) || !card) {
				throw new ApiError(400, `answers.${i}.cardId: "${cardId}" is not a question of this quiz`);
			}
			try {
				return gradeAnswer(card, response, accepted);
			} catch (e) {
				if (e instanceof QuizResponseKindError)
					throw new ApiError(400, `answers.${i}.response: ${e.message}`);
				throw e;
			}
		});
		// Unanswered questions count as wrong, so skipping cannot raise a score.
		outcome = quizOutcome(questionIds, answers, assignment.pass_mark);
	} else {
		reviewed = data.reviewed;
		noDuplicates(reviewed, 'reviewed');
		reviewed.forEach((cardId, i) => {
			if (!cards.has(cardId))
				throw new ApiError(400, `reviewed.${i}: "${cardId}" is not in this deck`);
		});
		outcome = { score: null, passed: null, correct: reviewed.length, total: questionIds.length };
	}
	const caps = submissionCaps();
	const outcomeOfStore = await storeSubmission(db, {
		row: {
			assignment_code: code,
			id: data.id,
			student_id: data.studentId,
			name: data.name,
			student_number: data.studentNumber ?? null,
			answers: JSON.stringify(answers),
			marks: assignment.mode === 'quiz' ? marksText(questionIds, answers) : '',
			reviewed: JSON.stringify(reviewed),
			score: outcome.score,
			passed: outcome.passed === null ? null : Number(outcome.passed),
			late: Number(late),
			correct: outcome.correct,
			total: outcome.total,
			started_at: startedAt,
			finished_at: finishedAt,
			received_at: now,
			overtime: overtime === null ? null : Number(overtime)
		},
		// One attempt where the assignment says so, else MAX_ATTEMPTS_PER_STUDENT.
		attemptCap: Math.min(assignment.max_attempts ?? caps.perStudent, caps.perStudent),
		assignmentCap: caps.perAssignment
	});
	switch (outcomeOfStore) {
		case 'created': {
			const sentAfterDue = now > dueAt;
			const result = { id: data.id, ...outcome, late, sentAfterDue };
			return {
				created: true,
				result: usesClassFields(assignment) ? { ...result, durationMs, overtime } : result
			};
		}
		case 'stored': {
			// Stored meanwhile by a concurrent send of the same id.
			const again = await findSubmission(db, code, data.id);
			if (!again) throw new Error(`submission "${data.id}" was stored but cannot be read`);
			return { created: false, result: timedResult(again, assignment) };
		}
		case 'closed':
			throw closedError(assignment);
		case 'student':
			throw new ApiError(
				409,
				assignment.max_attempts !== null && assignment.max_attempts <= caps.perStudent
					? `studentId: this assignment allows one attempt and yours has already been received; this one was not recorded`
					: `studentId: at most ${caps.perStudent} attempts per student on one assignment (MAX_ATTEMPTS_PER_STUDENT); this one was not recorded`
			);
		case 'assignment':
			throw new ApiError(
				409,
				`code: this assignment holds the most submissions allowed, ${caps.perAssignment} (MAX_SUBMISSIONS_PER_ASSIGNMENT); this one was not recorded`
			);
		case 'missing':
			throw noAssignment(code);
	}
}

/** A new submission's row, without what storing it numbers: its attempt and change numbers. */
type NewRow = Omit<Schema['submissions'], 'attempt' | 'seq' | 'change_seq'>;

type StoreArguments = NewRow & { attemptCap: number; assignmentCap: number };
const STORE_ARGUMENTS = [
	...SUBMISSION_COLUMNS.filter((c) => c !== 'attempt' && c !== 'seq' && c !== 'change_seq'),
	'attemptCap',
	'assignmentCap'
] as const satisfies readonly (keyof StoreArguments)[];
const storeOnPostgres = hotQuery(
	STORE_ARGUMENTS as readonly (keyof StoreArguments & string)[],
	(db, a: StoreArguments) =>
		sql<{ outcome: StoreOutcome }>`SELECT outcome FROM store_submission(
			${a.assignment_code}, ${a.id}, ${a.student_id}, ${a.name}, ${a.student_number},
			${a.answers}, ${a.marks}, ${a.reviewed}, ${a.score}, ${a.passed}, ${a.late},
			${a.correct}, ${a.total}, ${a.started_at}, ${a.finished_at}, ${a.received_at},
			${a.overtime}, ${a.attemptCap}, ${a.assignmentCap})`.compile(db)
);

/**
 * Stores a graded submission unless a limit refuses it, in one write: on PostgreSQL one
 * statement, the function `store_submission` (migration 10, migrations/store-submission.ts), on
 * SQLite a write transaction (a part of the next group commit) doing the same checks in the same
 * order. The assignment's lock first (its row on PostgreSQL, the database's write lock on
 * SQLite), so everything after it sees every submission stored before: then the id (a retry
 * stored meanwhile), closing, the student's attempts (`attemptCap`, their index), the
 * assignment's count (`assignmentCap`, kept by a trigger, migration 8), and only then the change
 * number and the row, numbered as the student's next attempt. A refusal writes nothing.
 */
export async function storeSubmission(
	db: DB,
	{ row, attemptCap, assignmentCap }: { row: NewRow; attemptCap: number; assignmentCap: number }
): Promise<StoreOutcome> {
	if (engineOf(db) === 'postgres') {
		const [stored] = await storeOnPostgres(db, { ...row, attemptCap, assignmentCap });
		return stored!.outcome;
	}
	const code = row.assignment_code;
	return writeTransaction(db, async (tx): Promise<StoreOutcome> => {
		const [assignment] = await assignmentForStore(tx, { code });
		if (!assignment) return 'missing';
		if (await findSubmission(tx, code, row.id)) return 'stored';
		if (assignment.closed_at !== null) return 'closed';
		const [mine] = await attemptsOf(tx, { code, studentId: row.student_id });
		const previous = Number(mine!.n);
		if (previous >= attemptCap) return 'student';
		if (Number(assignment.submission_count) >= assignmentCap) return 'assignment';
		const seq = await nextSeq(tx, code);
		await insertSubmission(tx, { ...row, attempt: previous + 1, seq, change_seq: seq });
		return 'created';
	});
}
