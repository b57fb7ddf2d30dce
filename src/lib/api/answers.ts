import type { AssignmentView, QuizResponse } from './schemas';

// What the assignments API answers with: the server builds these, the app reads them.

/** `POST /api/assignments`: 201. */
export interface AssignmentCreated {
	code: string;
	instructorKey: string;
	joinUrl: string;
	/** `<origin>/teach/<code>#key=<instructorKey>`. */
	dashboardUrl: string;
}

/** `POST /api/assignments/<code>/submissions`, the first time and on every retry. */
export interface SubmissionResult {
	id: string;
	/** Percent 0-100, one decimal; null for review. */
	score: number | null;
	passed: boolean | null;
	/** Finished after the due time (finish time bounded by when the server received it). */
	late: boolean;
	/** Received after the due time; with `late` false: finished on time, sent later. */
	sentAfterDue: boolean;
	/** Quiz: questions fully right. Review: cards studied. */
	correct: number;
	/** Quiz: questions asked. Review: cards in the deck. */
	total: number;
}

/** One submission as the instructor's results list it. */
export interface SubmissionSummary extends SubmissionResult {
	studentId: string;
	name: string;
	studentNumber: string | null;
	startedAt: string;
	finishedAt: string;
	durationMs: number;
	receivedAt: string;
	/** 1-based, in the order this student finished their attempts. */
	attempt: number;
	/** The attempt that counts for this student under the assignment's `counts` rule. */
	counts: boolean;
}

/** A wrong response to one question, with how many submissions gave it. */
export interface WrongResponse {
	response: QuizResponse;
	given: string;
	count: number;
}

export interface QuestionStats {
	cardId: string;
	prompt: string;
	answer: string;
	quote: string;
	section: string;
	/** Submissions (every attempt) that answered it. */
	answered: number;
	/** 0-1 of those that were fully right; 0 when nobody answered. */
	correctShare: number;
	/** The wrong answer given most often, as display text, or null. */
	mostCommonWrong: string | null;
	/** Wrong responses grouped as the grader normalises them, most frequent first (at most 30). */
	wrongResponses: WrongResponse[];
	/** Responses the instructor accepted for everyone. */
	accepted: { response: QuizResponse; given: string; acceptedAt: string }[];
}

/**
 * A change of grading the instructor made, with its time: the answer to `POST` and `DELETE
 * /api/assignments/<code>/acceptances`, and one entry of the results' `changes`.
 */
export interface GradingChange {
	at: string;
	action: 'accept' | 'undo';
	cardId: string;
	given: string;
	/** Submissions whose score changed. */
	changed: number;
}

/** `GET /api/assignments/<code>/results`: the instructor's dashboard. */
export interface AssignmentResults {
	assignment: AssignmentView;
	submissions: SubmissionSummary[];
	questions: QuestionStats[];
	changes: GradingChange[];
}
