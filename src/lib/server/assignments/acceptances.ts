import { AcceptanceSchema, type GradingChange } from '$lib/api';
import type { Deck } from '$lib/decks/types';
import { isBlank, responseKey } from '$lib/quiz/overrides';
import { statement, type DB } from '../db';
import { ApiError, parseBody } from '../http';
import { cardsOf, view } from './assignments';
import { regradeQuestion, submissionsForRegrade, type SubmissionForRegrade } from './grading';
import { authorised } from './results';

// ---- Responses accepted for everyone -------------------------------------------------------

/** The assignment, the card and the response key named by an acceptance request, or a 4xx. */
function target(db: DB, decks: Deck[], code: string, key: string | null, input: unknown) {
	const row = authorised(db, code, key);
	const data = parseBody(AcceptanceSchema, input);
	if (row.mode !== 'quiz')
		throw new ApiError(400, 'cardId: a review assignment has no answers to accept');
	const assignment = view(row, decks);
	const card = cardsOf(decks.find((d) => d.id === row.deck_id)).get(data.cardId);
	if (!assignment.questionIds.includes(data.cardId) || !card) {
		throw new ApiError(
			400,
			`cardId: "${data.cardId.slice(0, 80)}" is not a question of this assignment`
		);
	}
	return { row, assignment, card, response: data.response, key: responseKey(data.response) };
}

function record(
	db: DB,
	code: string,
	change: Omit<GradingChange, 'at'>,
	now: number
): GradingChange {
	statement(
		db,
		'INSERT INTO grading_changes (assignment_code, at, action, card_id, given, changed) VALUES (?, ?, ?, ?, ?, ?)'
	).run(code, now, change.action, change.cardId, change.given, change.changed);
	return { ...change, at: new Date(now).toISOString() };
}

type Target = ReturnType<typeof target>;

/** Stores an acceptance the request names; returns the response as the student gave it. */
function storeAcceptance(
	db: DB,
	code: string,
	t: Target,
	at: number,
	submissions: readonly SubmissionForRegrade[]
): string {
	const existing = statement(
		db,
		'SELECT 1 FROM acceptances WHERE assignment_code = ? AND card_id = ? AND response_key = ?'
	).get(code, t.card.id, t.key);
	if (existing) throw new ApiError(409, `response: already accepted for "${t.card.id}"`);
	const given = isBlank(t.response)
		? undefined
		: submissions
				.flatMap((r) => r.answers)
				.find((a) => a.cardId === t.card.id && !a.correct && responseKey(a.response) === t.key);
	if (!given) {
		throw new ApiError(400, `response: no submission gave this wrong response to "${t.card.id}"`);
	}
	statement(
		db,
		`INSERT INTO acceptances (assignment_code, card_id, response_key, response, given, accepted_at)
			VALUES (?, ?, ?, ?, ?, ?)`
	).run(code, t.card.id, t.key, JSON.stringify(given.response), given.given, at);
	return given.given;
}

/** Deletes the acceptance the request names; returns the response as the student gave it. */
function deleteAcceptance(db: DB, code: string, t: Target): string {
	const stored = statement(
		db,
		'SELECT given FROM acceptances WHERE assignment_code = ? AND card_id = ? AND response_key = ?'
	).get(code, t.card.id, t.key) as { given: string } | undefined;
	if (!stored) throw new ApiError(400, `response: not accepted for "${t.card.id}"`);
	statement(
		db,
		'DELETE FROM acceptances WHERE assignment_code = ? AND card_id = ? AND response_key = ?'
	).run(code, t.card.id, t.key);
	return stored.given;
}

const CHANGES = { accept: storeAcceptance, undo: deleteAcceptance } as const;

/**
 * Changes what is accepted for one question and regrades every submission of the assignment, all
 * in one transaction, recording the change with its time.
 */
const changeGrading =
	(action: keyof typeof CHANGES) =>
	(
		db: DB,
		decks: Deck[],
		code: string,
		key: string | null,
		input: unknown,
		at: number
	): GradingChange => {
		const t = target(db, decks, code, key, input);
		return db.transaction((): GradingChange => {
			const submissions = submissionsForRegrade(db, code);
			const given = CHANGES[action](db, code, t, at, submissions);
			const changed = regradeQuestion(db, t.assignment, t.card, submissions);
			return record(db, code, { action, cardId: t.card.id, given, changed }, at);
		})();
	};

/**
 * Accepts a response to one question for everyone: stores it with its time and regrades every
 * submission of the assignment, all in one transaction. The response must be one a submission
 * gave and the grader marked wrong (400 otherwise, naming the field); accepting it twice is 409.
 */
export const acceptResponse = changeGrading('accept');

/** Takes back an accepted response and regrades, in one transaction; 400 if it is not accepted. */
export const undoAcceptance = changeGrading('undo');
