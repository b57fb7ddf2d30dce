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
	/** The order the server stored it in (1, 2, ... per assignment, shared with grading changes). */
	seq: number;
	/** Quiz: one mark per question, in `questionIds` order (unanswered is blank); review: []. */
	marks: QuestionMark[];
}

/** How a submission did on one question: fully right, wrong (or partly right), or blank. */
export type QuestionMark = 'right' | 'wrong' | 'blank';

/** How many chose one option of a choice or true/false question. */
export interface OptionCount {
	/** The option's text ("True" and "False" for a true/false question). */
	option: string;
	count: number;
	/** The right option (false for an option the card no longer has). */
	correct: boolean;
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
	/** Submissions (every attempt) that answered it: right + wrong + blank. */
	answered: number;
	/** Of those, fully right, wrong or partly right, and blank (an empty typed answer). */
	right: number;
	wrong: number;
	blank: number;
	/** Submissions that did not answer it at all. */
	unanswered: number;
	/** Choice and true/false questions: how many chose each option, the card's options first. */
	options: OptionCount[] | null;
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

/** `GET /api/assignments/<code>/results`: the instructor's dashboard, everything. */
export interface AssignmentResults {
	full: true;
	assignment: AssignmentView;
	/** The assignment's change number when read: pass it as `?since=` to get what changed after. */
	lastSeq: number;
	submissions: SubmissionSummary[];
	questions: QuestionStats[];
	changes: GradingChange[];
}

/**
 * `GET /api/assignments/<code>/results?since=<seq>`: what changed after `since`. `submissions`
 * holds every submission of each student who has one new or changed since then (their attempt
 * numbers and which one counts may have moved); `questions` is null when nothing changed;
 * `changes` the grading changes made since.
 */
export interface ResultsUpdate {
	full: false;
	assignment: AssignmentView;
	since: number;
	lastSeq: number;
	submissions: SubmissionSummary[];
	questions: QuestionStats[] | null;
	changes: GradingChange[];
}

/** What the results endpoint answers: everything, or (with `since`) what changed. */
export type ResultsAnswer = AssignmentResults | ResultsUpdate;
