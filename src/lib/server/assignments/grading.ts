import type { Card } from '$lib/decks/types';
import { gradeResponse, scoreQuiz, type QuizResponse } from '$lib/quiz';
import { matchesAccepted, type AcceptedResponse } from '$lib/quiz/overrides';
import { statement, type DB } from '../db';

// ---- Grading with the instructor's accepted responses ---------------------------------------

/** One graded answer as stored. */
export interface StoredAnswer {
	cardId: string;
	response: QuizResponse;
	correct: boolean;
	score: number;
	given: string;
	/** Right only because the instructor accepted this response for everyone. */
	accepted?: true;
}

/** A quiz submission's totals over all its questions. */
export interface Outcome {
	score: number | null;
	passed: boolean | null;
	correct: number;
	total: number;
}

/**
 * Grades one answer with the app's own `gradeResponse`; a response the instructor accepted for
 * this question is then fully right. Throws `QuizResponseKindError` for a response of the wrong
 * kind (before any acceptance is looked at).
 */
export function gradeAnswer(
	card: Card,
	response: QuizResponse,
	accepted: readonly AcceptedResponse[]
): StoredAnswer {
	const { correct, score, given } = gradeResponse(card, response);
	const base = { cardId: card.id, response, given };
	if (!correct && matchesAccepted(card.id, response, accepted))
		return { ...base, correct: true, score: 1, accepted: true };
	return { ...base, correct, score };
}

/** Scores a quiz over every question asked: an unanswered one counts as wrong. */
export function quizOutcome(
	questionIds: readonly string[],
	answers: readonly StoredAnswer[],
	passMark: number
): Outcome {
	const byCard = new Map(answers.map((a) => [a.cardId, a]));
	const quiz = scoreQuiz(
		questionIds.map((cardId) => byCard.get(cardId) ?? { cardId, score: 0, correct: false }),
		passMark
	);
	const correct = answers.filter((a) => a.correct).length;
	return { score: quiz.percent, passed: quiz.passed, correct, total: quiz.total };
}

/** The responses the instructor has accepted on this assignment. */
export function acceptedResponses(db: DB, code: string): AcceptedResponse[] {
	const rows = statement(
		db,
		'SELECT card_id, response FROM acceptances WHERE assignment_code = ? ORDER BY accepted_at'
	).all(code) as { card_id: string; response: string }[];
	return rows.map((r) => ({ cardId: r.card_id, response: JSON.parse(r.response) as QuizResponse }));
}

/** A submission's row as regrading reads it, its answers parsed once. */
export interface SubmissionForRegrade {
	rowid: number;
	answersJson: string;
	answers: StoredAnswer[];
	score: number | null;
	passed: number | null;
	correct: number;
}

/** Every submission of an assignment, with its answers parsed, for one regrading transaction. */
export function submissionsForRegrade(db: DB, code: string): SubmissionForRegrade[] {
	const rows = statement(
		db,
		'SELECT rowid, answers, score, passed, correct FROM submissions WHERE assignment_code = ?'
	).all(code) as {
		rowid: number;
		answers: string;
		score: number | null;
		passed: number | null;
		correct: number;
	}[];
	return rows.map(({ answers, ...row }) => ({
		...row,
		answersJson: answers,
		answers: JSON.parse(answers) as StoredAnswer[]
	}));
}

/**
 * Regrades every stored answer to `card` in the submissions given (read by
 * {@link submissionsForRegrade} in the caller's transaction) against the accepted responses now
 * stored, and the totals of the submissions holding them. Returns how many scores changed.
 */
export function regradeQuestion(
	db: DB,
	assignment: { code: string; questionIds: readonly string[]; passMark: number },
	card: Card,
	rows: readonly SubmissionForRegrade[]
): number {
	const accepted = acceptedResponses(db, assignment.code);
	const update = statement(
		db,
		'UPDATE submissions SET answers = ?, score = ?, passed = ?, correct = ? WHERE rowid = ?'
	);
	let changed = 0;
	for (const row of rows) {
		const answers = row.answers;
		if (!answers.some((a) => a.cardId === card.id)) continue;
		const regraded = answers.map((a) =>
			a.cardId === card.id ? gradeAnswer(card, a.response, accepted) : a
		);
		const outcome = quizOutcome(assignment.questionIds, regraded, assignment.passMark);
		const passed = outcome.passed === null ? null : Number(outcome.passed);
		if (outcome.score !== row.score) changed++;
		if (
			outcome.score === row.score &&
			passed === row.passed &&
			outcome.correct === row.correct &&
			JSON.stringify(regraded) === row.answersJson
		)
			continue;
		update.run(JSON.stringify(regraded), outcome.score, passed, outcome.correct, row.rowid);
	}
	return changed;
}
