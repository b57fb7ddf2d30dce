import type { Deck } from '$lib/decks/types';
import { gradeResponse, QuizResponseKindError, scoreQuiz, type QuizResponse } from '$lib/quiz';
import { statement, type DB } from '../db';
import { ApiError } from '../http';
import { cardsOf, findAssignment, view } from './assignments';
import { NewSubmission, parse } from './schemas';

// ---- Submissions ---------------------------------------------------------------------------

/** What the server answers a submission with, the first time and on every retry. */
export interface SubmissionResult {
	id: string;
	/** Percent 0-100, one decimal; null for review. */
	score: number | null;
	passed: boolean | null;
	late: boolean;
	/** Quiz: questions fully right. Review: cards studied. */
	correct: number;
	/** Quiz: questions asked. Review: cards in the deck. */
	total: number;
}

/** One graded answer as stored. */
export interface StoredAnswer {
	cardId: string;
	response: QuizResponse;
	correct: boolean;
	score: number;
	given: string;
}

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

export function resultOf(row: SubmissionRow): SubmissionResult {
	const { id, score, correct, total } = row;
	return { id, score, passed: flag(row.passed), late: row.late === 1, correct, total };
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
		if (stored) return { created: false, result: resultOf(stored) };
	}
	const data = parse(NewSubmission, input);
	const { questionIds } = view(assignment, decks);
	const cards = cardsOf(decks.find((d) => d.id === assignment.deck_id));
	const late = now > Date.parse(assignment.due_at);
	let answers: StoredAnswer[] = [];
	let reviewed: string[] = [];
	let outcome: Pick<SubmissionResult, 'score' | 'passed' | 'correct' | 'total'>;
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
				const { correct, score, given } = gradeResponse(card, response);
				return { cardId, response, correct, score, given };
			} catch (e) {
				if (e instanceof QuizResponseKindError)
					throw new ApiError(400, `answers.${i}.response: ${e.message}`);
				throw e;
			}
		});
		const byCard = new Map(answers.map((a) => [a.cardId, a]));
		// Unanswered questions count as wrong, so skipping cannot raise a score.
		const quiz = scoreQuiz(
			questionIds.map((cardId) => byCard.get(cardId) ?? { cardId, score: 0, correct: false }),
			assignment.pass_mark
		);
		const correct = answers.filter((a) => a.correct).length;
		outcome = { score: quiz.percent, passed: quiz.passed, correct, total: quiz.total };
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
		if (stored) return { created: false, result: resultOf(stored) };
		const { previous } = statement(
			db,
			'SELECT COUNT(*) AS previous FROM submissions WHERE assignment_code = ? AND student_id = ?'
		).get(code, data.studentId) as { previous: number };
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
			data.startedAt,
			data.finishedAt,
			now,
			previous + 1
		);
		return { created: true, result: { id: data.id, ...outcome, late } };
	});
	return store();
}
