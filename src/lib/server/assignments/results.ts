import { timingSafeEqual } from 'node:crypto';
import type { AssignmentResults, GradingChange, ResultsAnswer } from '$lib/api';
import type { Deck } from '$lib/decks/types';
import type { DB } from '../db';
import { ApiError, WRONG_KEY } from '../http';
import { cardsOf, findAssignment, sha256, view, type AssignmentSqlRow } from './assignments';
import { questionStats } from './stats';
import { changedSince, summaries } from './summaries';

// ---- Results -------------------------------------------------------------------------------

/** Compared against when there is no assignment, so an unknown code costs what a wrong key does. */
const NO_KEY_HASH = sha256('no assignment has this key');

/** Whether `key` is the assignment's instructor key, compared in constant time. */
export function keyMatches(row: AssignmentSqlRow | undefined, key: string | null): boolean {
	// Always hash and compare, so no early exit tells an unknown code from a wrong key.
	const same = timingSafeEqual(
		sha256(key ?? ''),
		row ? Buffer.from(row.key_hash, 'hex') : NO_KEY_HASH
	);
	return same && row !== undefined && key !== null && key !== '';
}

/** Whether `key` is the class key of the assignment's class (hashed, constant-time compare). */
async function classKeyMatches(db: DB, row: AssignmentSqlRow, key: string | null) {
	if (row.class_code === null) return false;
	const klass = await db
		.selectFrom('classes')
		.select('key_hash')
		.where('code', '=', row.class_code)
		.executeTakeFirst();
	const same = timingSafeEqual(
		sha256(key ?? ''),
		klass ? Buffer.from(klass.key_hash, 'hex') : NO_KEY_HASH
	);
	return same && klass !== undefined && key !== null && key !== '';
}

/**
 * The assignment, if `key` is its instructor key or, for an assignment in a class, the class
 * key of that class. An unknown code and a missing or wrong key (a member key, another class's
 * key) get the same 401 ({@link WRONG_KEY}), so the results endpoints do not tell which codes
 * exist.
 */
export async function authorised(
	db: DB,
	code: string,
	key: string | null
): Promise<AssignmentSqlRow> {
	let row: AssignmentSqlRow | undefined;
	try {
		row = await findAssignment(db, code);
	} catch (e) {
		if (!(e instanceof ApiError && e.status === 404)) throw e;
	}
	if (keyMatches(row, key)) return row!;
	if (row && (await classKeyMatches(db, row, key))) return row;
	throw new ApiError(401, WRONG_KEY);
}

const iso = (ms: number) => new Date(ms).toISOString();

async function changesAfter(db: DB, code: string, since: number): Promise<GradingChange[]> {
	const rows = await db
		.selectFrom('grading_changes')
		.select(['at', 'action', 'card_id', 'given', 'changed'])
		.where('assignment_code', '=', code)
		.where('seq', '>', since)
		.orderBy('at')
		.orderBy('seq')
		.execute();
	return rows.map((c) => ({
		at: iso(c.at),
		action: c.action,
		cardId: c.card_id,
		given: c.given,
		changed: c.changed
	}));
}

/** `?since=`: a whole number, a `lastSeq` from an earlier answer. */
export function parseSince(value: string | null): number | undefined {
	if (value === null) return undefined;
	if (!/^\d{1,15}$/.test(value))
		throw new ApiError(
			400,
			`since: must be a whole number, the lastSeq of an earlier answer, got "${value.slice(0, 20)}"`
		);
	return Number(value);
}

/**
 * The instructor's view. Without `since`: every submission in the order stored and, for a quiz,
 * per-question statistics and the grading changes made. With `since` (a `lastSeq` this answered
 * before): only what changed after it: every submission of each student with one stored or
 * changed since (their attempt numbers and the one that counts may have moved), the statistics
 * when anything changed, the grading changes since. A `since` past the assignment's last change
 * (a database restored from a backup) gets everything. An unknown code and a missing or wrong key
 * get the same 401, with no data.
 */
export async function getResults(
	db: DB,
	decks: Deck[],
	code: string,
	key: string | null
): Promise<AssignmentResults>;
export async function getResults(
	db: DB,
	decks: Deck[],
	code: string,
	key: string | null,
	since: number | undefined
): Promise<ResultsAnswer>;
export async function getResults(
	db: DB,
	decks: Deck[],
	code: string,
	key: string | null,
	since?: number
): Promise<ResultsAnswer> {
	// The change number first: whatever is read after it holds at least every change up to it.
	const row = await authorised(db, code, key);
	const assignment = view(row, decks);
	const lastSeq = row.last_seq;
	const { questionIds } = assignment;
	const cards = cardsOf(decks.find((d) => d.id === row.deck_id));
	const stats = () =>
		row.mode === 'quiz'
			? questionStats(db, code, questionIds, cards, Number(row.submission_count))
			: Promise.resolve([]);
	if (since !== undefined && since <= lastSeq) {
		if (since === lastSeq)
			return {
				full: false,
				assignment,
				since,
				lastSeq,
				submissions: [],
				questions: null,
				changes: []
			};
		const [submissions, questions, changes] = await Promise.all([
			summaries(db, row, questionIds, changedSince(code, since)),
			stats(),
			changesAfter(db, code, since)
		]);
		return { full: false, assignment, since, lastSeq, submissions, questions, changes };
	}
	const [submissions, questions, changes] = await Promise.all([
		summaries(db, row, questionIds, null),
		stats(),
		changesAfter(db, code, 0)
	]);
	return { full: true, assignment, lastSeq, submissions, questions, changes };
}
