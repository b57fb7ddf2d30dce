import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Card, Deck } from '$lib/decks/types';
import { isQuizzable, selectQuestions } from '$lib/quiz/select';
import {
	JOIN_CODE_ALPHABET,
	JOIN_CODE_LENGTH,
	JOIN_CODE_PATTERN,
	NewAssignmentSchema,
	type AssignmentView,
	type AttemptCounts,
	type MaxAttempts
} from '$lib/api';
import type { Kysely } from 'kysely';
import { hotQuery, type DB, type Schema } from '../db';
import { ApiError, parseBody } from '../http';
import { classForInstructor } from '../classes/auth';

// ---- Assignments ---------------------------------------------------------------------------

/** A row of the `assignments` table. */
export type AssignmentSqlRow = Schema['assignments'];

export const sha256 = (text: string) => createHash('sha256').update(text).digest();

function newCode(): string {
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++)
		code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
	return code;
}

const cardMaps = new WeakMap<Deck, Map<string, Card>>();
export function cardsOf(deck: Deck | undefined): Map<string, Card> {
	if (!deck) return new Map();
	let cards = cardMaps.get(deck);
	if (!cards) cardMaps.set(deck, (cards = new Map(deck.cards.map((c) => [c.id, c]))));
	return cards;
}

/**
 * Creates an assignment. A quiz's questions are drawn once, with a random seed, so every student
 * gets the same ones. Returns the code and the instructor key; only the key's SHA-256 is stored.
 */
export async function createAssignment(
	db: DB,
	decks: Deck[],
	input: unknown,
	now: number,
	{
		classKey = null,
		seed = randomInt(2 ** 32)
	}: {
		/** The class's instructor key, for an assignment made in a class. */
		classKey?: string | null;
		/** The quiz's draw: random for a new assignment; a test passes one to get a known quiz. */
		seed?: number;
	} = {}
): Promise<{ code: string; instructorKey: string }> {
	const data = parseBody(NewAssignmentSchema, input);
	// In a class: the class key is needed (404 unknown class, 403 a member key, 401 otherwise).
	if (data.classCode !== undefined) await classForInstructor(db, data.classCode, classKey);
	const deck = decks.find((d) => d.id === data.deckId);
	if (!deck) throw new ApiError(400, `deckId: no deck "${data.deckId}"`);
	let questionIds: string[];
	let drawnWith: number | null = null;
	// Review mode has no score to choose by: every report counts, the latest holding the most.
	let maxAttempts: MaxAttempts = null;
	let counts: AttemptCounts = 'latest';
	if (data.mode === 'quiz') {
		maxAttempts = data.maxAttempts;
		counts = maxAttempts === 1 ? 'first' : data.counts;
		const quizzable = deck.cards.filter(isQuizzable);
		if (quizzable.length === 0)
			throw new ApiError(400, `deckId: "${deck.id}" has no quiz questions`);
		drawnWith = seed;
		questionIds = selectQuestions(quizzable, data.questionCount, seed, {
			entities: deck.entities
		}).map((c) => c.id);
	} else if (data.cardIds) {
		// A review of chosen cards ("assign a review of these sentences").
		const cards = cardsOf(deck);
		const seen = new Set<string>();
		data.cardIds.forEach((id, i) => {
			if (!cards.has(id))
				throw new ApiError(400, `cardIds.${i}: "${id.slice(0, 80)}" is not in deck "${deck.id}"`);
			if (seen.has(id)) throw new ApiError(400, `cardIds.${i}: "${id}" is listed twice`);
			seen.add(id);
		});
		questionIds = data.cardIds;
	} else {
		questionIds = deck.cards.map((c) => c.id);
	}
	const instructorKey = randomBytes(32).toString('base64url');
	const row = {
		title: data.title,
		deck_id: deck.id,
		mode: data.mode,
		question_ids: JSON.stringify(questionIds),
		seed: drawnWith,
		pass_mark: data.passMark,
		due_at: new Date(Date.parse(data.dueAt)).toISOString(),
		instructions: data.instructions,
		key_hash: sha256(instructorKey).toString('hex'),
		created_at: new Date(now).toISOString(),
		max_attempts: maxAttempts,
		counts,
		last_seq: 0,
		submission_count: 0,
		class_code: data.classCode ?? null,
		closed_at: null,
		time_limit_minutes: data.mode === 'quiz' ? data.timeLimitMinutes : null,
		shuffle: data.mode === 'quiz' && data.shuffle ? 1 : 0
	} satisfies Omit<AssignmentSqlRow, 'code'>;
	// One statement per try: a code taken meanwhile (by another process too) inserts nothing.
	for (let tries = 0; tries < 20; tries++) {
		const code = newCode();
		const inserted = await db
			.insertInto('assignments')
			.values({ code, ...row })
			.onConflict((oc) => oc.column('code').doNothing())
			.executeTakeFirst();
		if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { code, instructorKey };
	}
	throw new Error('could not find a free assignment code');
}

const assignmentByCode = hotQuery(['code'], (db, { code }: { code: string }) =>
	db.selectFrom('assignments').selectAll().where('code', '=', code).compile()
);

/** The 404 for a code that opens no assignment. */
export const noAssignment = (code: string) =>
	new ApiError(404, `no assignment with code "${code.slice(0, 20)}"`);

/** Whether `code` can be an assignment's code at all (one that cannot is not looked up). */
export const mayBeAssignmentCode = (code: string) => JOIN_CODE_PATTERN.test(code);

export async function findAssignment(db: Kysely<Schema>, code: string): Promise<AssignmentSqlRow> {
	const row = mayBeAssignmentCode(code) ? (await assignmentByCode(db, { code }))[0] : undefined;
	if (!row) throw noAssignment(code);
	return row;
}

export function view(row: AssignmentSqlRow, decks: Deck[]): AssignmentView {
	return {
		code: row.code,
		title: row.title,
		deckId: row.deck_id,
		deckTitle: decks.find((d) => d.id === row.deck_id)?.title ?? row.deck_id,
		mode: row.mode,
		questionIds: JSON.parse(row.question_ids) as string[],
		passMark: row.pass_mark,
		dueAt: row.due_at,
		instructions: row.instructions,
		createdAt: row.created_at,
		maxAttempts: row.max_attempts,
		counts: row.counts,
		// What classes added, only where used: a single assignment answers as it always did.
		...(usesClassFields(row)
			? {
					classCode: row.class_code,
					closed: row.closed_at !== null,
					timeLimitMinutes: row.time_limit_minutes,
					shuffle: row.shuffle === 1
				}
			: {})
	};
}

/** Whether an assignment is in a class or uses what classes added (a limit, shuffle, closing). */
export const usesClassFields = (row: AssignmentSqlRow) =>
	row.class_code !== null ||
	row.closed_at !== null ||
	row.time_limit_minutes !== null ||
	row.shuffle === 1;

/** The assignment a student joins, or a 404 {@link ApiError}. */
export async function getAssignment(db: DB, decks: Deck[], code: string): Promise<AssignmentView> {
	return view(await findAssignment(db, code), decks);
}

/**
 * Takes the assignment's next change number, inside the caller's write transaction. On
 * PostgreSQL the UPDATE locks the assignment's row until the transaction ends, so the writers to
 * one assignment go one at a time and the numbers are handed out in commit order (a reader that
 * has seen number n will never later see a commit below n). On SQLite the write transaction
 * already holds the database's write lock.
 */
export async function nextSeq(tx: Kysely<Schema>, code: string): Promise<number> {
	const [row] = await takeSeq(tx, { code });
	if (!row) throw new Error(`no assignment "${code}" to number a change of`);
	return row.last_seq;
}

const takeSeq = hotQuery(['code'], (db, { code }: { code: string }) =>
	db
		.updateTable('assignments')
		.set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
		.where('code', '=', code)
		.returning('last_seq')
		.compile()
);
