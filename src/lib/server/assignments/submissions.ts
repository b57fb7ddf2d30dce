import { NewSubmissionSchema, type SubmissionResult } from '$lib/api';
import type { Deck } from '$lib/decks/types';
import { QuizResponseKindError } from '$lib/quiz';
import { statement, type DB } from '../db';
import { ApiError, parseBody } from '../http';
import { cardsOf, findAssignment, view, type AssignmentSqlRow } from './assignments';
import {
	acceptedResponses,
	gradeAnswer,
	quizOutcome,
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

/** A row of the SQLite `submissions` table. */
export interface SubmissionRow {
	id: string;
	student_id: string;
	name: string;
	student_number: string | null;
	answers: string;
	score: number | null;
	passed: number | null;
	late: number;
	correct: number;
	total: number;
	started_at: number;
	finished_at: number;
	received_at: number;
	attempt: number;
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

const findSubmission = (db: DB, code: string, id: unknown) =>
	statement(db, 'SELECT * FROM submissions WHERE assignment_code = ? AND id = ?').get(code, id) as
		SubmissionRow | undefined;

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
export function submitAssignment(
	db: DB,
	decks: Deck[],
	code: string,
	input: unknown,
	now: number
): { created: boolean; result: SubmissionResult } {
	const assignment = findAssignment(db, code);
	// A retry from an outbox must get its result back even if the app has changed since.
	const retryId = (input as { id?: unknown } | null)?.id;
	if (typeof retryId === 'string') {
		const stored = findSubmission(db, code, retryId);
		if (stored) return { created: false, result: resultOf(stored, assignment) };
	}
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
	const late = finishedAt > Date.parse(assignment.due_at);
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
		const accepted = acceptedResponses(db, code);
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
	const store = db.transaction((): { created: boolean; result: SubmissionResult } => {
		const stored = findSubmission(db, code, data.id);
		if (stored) return { created: false, result: resultOf(stored, assignment) };
		const { previous } = statement(
			db,
			'SELECT COUNT(*) AS previous FROM submissions WHERE assignment_code = ? AND student_id = ?'
		).get(code, data.studentId) as { previous: number };
		if (assignment.max_attempts !== null && previous >= assignment.max_attempts) {
			throw new ApiError(
				409,
				`studentId: this assignment allows one attempt and yours has already been received; this one was not recorded`
			);
		}
		statement(
			db,
			`INSERT INTO submissions (assignment_code, id, student_id, name, student_number, answers,
				reviewed, score, passed, late, correct, total, started_at, finished_at, received_at, attempt)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		).run(
			code,
			data.id,
			data.studentId,
			data.name,
			data.studentNumber ?? null,
			JSON.stringify(answers),
			JSON.stringify(reviewed),
			outcome.score,
			outcome.passed === null ? null : Number(outcome.passed),
			Number(late),
			outcome.correct,
			outcome.total,
			startedAt,
			finishedAt,
			now,
			previous + 1
		);
		const sentAfterDue = now > Date.parse(assignment.due_at);
		return { created: true, result: { id: data.id, ...outcome, late, sentAfterDue } };
	});
	return store();
}
