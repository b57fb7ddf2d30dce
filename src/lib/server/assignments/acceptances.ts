import { AcceptanceSchema, type GradingChange } from '$lib/api';
import type { Deck } from '$lib/decks/types';
import { isBlank, responseKey } from '$lib/quiz/overrides';
import type { Kysely } from 'kysely';
import { writeTransaction, type DB, type Schema } from '../db';
import { ApiError, parseBody } from '../http';
import { cardsOf, nextSeq, view } from './assignments';
import { regradeQuestion, submissionsForRegrade, type SubmissionForRegrade } from './grading';
import { authorised } from './results';

// ---- Responses accepted for everyone -------------------------------------------------------

/** The assignment, the card and the response key named by an acceptance request, or a 4xx. */
async function target(db: DB, decks: Deck[], code: string, key: string | null, input: unknown) {
	const row = await authorised(db, code, key);
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

async function record(
	tx: Kysely<Schema>,
	code: string,
	change: Omit<GradingChange, 'at'>,
	now: number,
	seq: number
): Promise<GradingChange> {
	await tx
		.insertInto('grading_changes')
		.values({
			assignment_code: code,
			at: now,
			action: change.action,
			card_id: change.cardId,
			given: change.given,
			changed: change.changed,
			seq
		})
		.execute();
	return { ...change, at: new Date(now).toISOString() };
}

type Target = Awaited<ReturnType<typeof target>>;

/** Stores an acceptance the request names; returns the response as the student gave it. */
async function storeAcceptance(
	tx: Kysely<Schema>,
	code: string,
	t: Target,
	at: number,
	submissions: readonly SubmissionForRegrade[]
): Promise<string> {
	const given = isBlank(t.response)
		? undefined
		: submissions
				.flatMap((r) => r.answers)
				.find((a) => a.cardId === t.card.id && !a.correct && responseKey(a.response) === t.key);
	const exists = await tx
		.selectFrom('acceptances')
		.select('card_id')
		.where('assignment_code', '=', code)
		.where('card_id', '=', t.card.id)
		.where('response_key', '=', t.key)
		.executeTakeFirst();
	if (exists) throw new ApiError(409, `response: already accepted for "${t.card.id}"`);
	if (!given) {
		throw new ApiError(400, `response: no submission gave this wrong response to "${t.card.id}"`);
	}
	await tx
		.insertInto('acceptances')
		.values({
			assignment_code: code,
			card_id: t.card.id,
			response_key: t.key,
			response: JSON.stringify(given.response),
			given: given.given,
			accepted_at: at
		})
		.execute();
	return given.given;
}

/** Deletes the acceptance the request names; returns the response as the student gave it. */
async function deleteAcceptance(tx: Kysely<Schema>, code: string, t: Target): Promise<string> {
	const stored = await tx
		.deleteFrom('acceptances')
		.where('assignment_code', '=', code)
		.where('card_id', '=', t.card.id)
		.where('response_key', '=', t.key)
		.returning('given')
		.executeTakeFirst();
	if (!stored) throw new ApiError(400, `response: not accepted for "${t.card.id}"`);
	return stored.given;
}

const CHANGES = { accept: storeAcceptance, undo: deleteAcceptance } as const;

/**
 * Changes what is accepted for one question and regrades every submission of the assignment, all
 * in one transaction, recording the change with its time.
 */
const changeGrading =
	(action: keyof typeof CHANGES) =>
	async (
		db: DB,
		decks: Deck[],
		code: string,
		key: string | null,
		input: unknown,
		at: number
	): Promise<GradingChange> => {
		const t = await target(db, decks, code, key, input);
		return writeTransaction(db, async (tx) => {
			// The change number first: it queues this behind (and ahead of) submissions being stored.
			const seq = await nextSeq(tx, code);
			const submissions = await submissionsForRegrade(tx, code);
			const given = await CHANGES[action](tx, code, t, at, submissions);
			const changed = await regradeQuestion(tx, t.assignment, t.card, submissions, seq);
			return record(tx, code, { action, cardId: t.card.id, given, changed }, at, seq);
		});
	};

/**
 * Accepts a response to one question for everyone: stores it with its time and regrades every
 * submission of the assignment, all in one transaction. The response must be one a submission
 * gave and the grader marked wrong (400 otherwise, naming the field); accepting it twice is 409.
 */
export const acceptResponse = changeGrading('accept');

/** Takes back an accepted response and regrades, in one transaction; 400 if it is not accepted. */
export const undoAcceptance = changeGrading('undo');
