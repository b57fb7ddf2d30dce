import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Card, Deck } from '$lib/decks/types';
import { isQuizzable, selectQuestions } from '$lib/quiz/select';
import {
	JOIN_CODE_ALPHABET,
	JOIN_CODE_LENGTH,
	JOIN_CODE_PATTERN,
	NewAssignmentSchema,
	type AssignmentMode,
	type AssignmentView,
	type AttemptCounts,
	type MaxAttempts
} from '$lib/api';
import { statement, type DB } from '../db';
import { ApiError, parseBody } from '../http';

// ---- Assignments ---------------------------------------------------------------------------

/** A row of the SQLite `assignments` table. */
export interface AssignmentSqlRow {
	code: string;
	title: string;
	deck_id: string;
	mode: AssignmentMode;
	question_ids: string;
	pass_mark: number;
	due_at: string;
	instructions: string;
	key_hash: string;
	created_at: string;
	max_attempts: MaxAttempts;
	counts: AttemptCounts;
}

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
export function createAssignment(
	db: DB,
	decks: Deck[],
	input: unknown,
	now: number
): { code: string; instructorKey: string } {
	const data = parseBody(NewAssignmentSchema, input);
	const deck = decks.find((d) => d.id === data.deckId);
	if (!deck) throw new ApiError(400, `deckId: no deck "${data.deckId}"`);
	let questionIds: string[];
	let seed: number | null = null;
	// Review mode has no score to choose by: every report counts, the latest holding the most.
	let maxAttempts: MaxAttempts = null;
	let counts: AttemptCounts = 'latest';
	if (data.mode === 'quiz') {
		maxAttempts = data.maxAttempts;
		counts = maxAttempts === 1 ? 'first' : data.counts;
		const quizzable = deck.cards.filter(isQuizzable);
		if (quizzable.length === 0)
			throw new ApiError(400, `deckId: "${deck.id}" has no quiz questions`);
		seed = randomInt(2 ** 32);
		questionIds = selectQuestions(quizzable, data.questionCount, seed, {
			entities: deck.entities
		}).map((c) => c.id);
	} else {
		questionIds = deck.cards.map((c) => c.id);
	}
	const instructorKey = randomBytes(32).toString('base64url');
	const insert = db.prepare(
		`INSERT INTO assignments (code, title, deck_id, mode, question_ids, seed, pass_mark, due_at,
			instructions, key_hash, created_at, max_attempts, counts)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const exists = db.prepare('SELECT 1 FROM assignments WHERE code = ?');
	const code = db.transaction(() => {
		for (let tries = 0; tries < 20; tries++) {
			const code = newCode();
			if (exists.get(code)) continue;
			insert.run(
				code,
				data.title,
				deck.id,
				data.mode,
				JSON.stringify(questionIds),
				seed,
				data.passMark,
				new Date(Date.parse(data.dueAt)).toISOString(),
				data.instructions,
				sha256(instructorKey).toString('hex'),
				new Date(now).toISOString(),
				maxAttempts,
				counts
			);
			return code;
		}
		throw new Error('could not find a free assignment code');
	})();
	return { code, instructorKey };
}

export function findAssignment(db: DB, code: string): AssignmentSqlRow {
	const row = JOIN_CODE_PATTERN.test(code)
		? (statement(db, 'SELECT * FROM assignments WHERE code = ?').get(code) as
				AssignmentSqlRow | undefined)
		: undefined;
	if (!row) throw new ApiError(404, `no assignment with code "${code.slice(0, 20)}"`);
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
		counts: row.counts
	};
}

/** The assignment a student joins, or a 404 {@link ApiError}. */
export function getAssignment(db: DB, decks: Deck[], code: string): AssignmentView {
	return view(findAssignment(db, code), decks);
}
