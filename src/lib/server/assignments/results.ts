import { timingSafeEqual } from 'node:crypto';
import type {
	AssignmentResults,
	GradingChange,
	QuestionStats,
	QuizResponse,
	SubmissionSummary,
	WrongResponse
} from '$lib/api';
import type { Card, Deck } from '$lib/decks/types';
import { isBlank, responseKey } from '$lib/quiz/overrides';
import type { DB } from '../db';
import { ApiError, WRONG_KEY } from '../http';
import { cardsOf, findAssignment, sha256, view, type AssignmentSqlRow } from './assignments';
import type { StoredAnswer } from './grading';
import { resultOf, type SubmissionRow } from './submissions';

// ---- Results -------------------------------------------------------------------------------

export const MAX_WRONG_GROUPS = 30;

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

/**
 * The assignment, if `key` is its instructor key. An unknown code and a missing or wrong key get
 * the same 401 ({@link WRONG_KEY}), so the results endpoints do not tell which codes exist.
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
	if (!keyMatches(row, key)) throw new ApiError(401, WRONG_KEY);
	return row!;
}

interface AcceptanceRow {
	card_id: string;
	response: string;
	given: string;
	accepted_at: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function questionStats(
	cardId: string,
	card: Card | undefined,
	answers: StoredAnswer[],
	acceptances: AcceptanceRow[]
): QuestionStats {
	const mine = answers.filter((a) => a.cardId === cardId);
	const wrong = new Map<string, WrongResponse>();
	for (const a of mine) {
		if (a.correct || isBlank(a.response)) continue;
		const key = responseKey(a.response);
		const group = wrong.get(key);
		if (group) group.count++;
		else wrong.set(key, { response: a.response, given: a.given, count: 1 });
	}
	// Most frequent first; ties in the order first given.
	const groups = [...wrong.values()].sort((a, b) => b.count - a.count);
	return {
		cardId,
		prompt: card?.prompt ?? '',
		answer: card?.answer ?? '',
		quote: card?.source.quote ?? '',
		section: card?.section ?? '',
		answered: mine.length,
		correctShare: mine.length === 0 ? 0 : mine.filter((a) => a.correct).length / mine.length,
		mostCommonWrong: groups[0]?.given ?? null,
		wrongResponses: groups.slice(0, MAX_WRONG_GROUPS),
		accepted: acceptances
			.filter((a) => a.card_id === cardId)
			.map((a) => ({
				response: JSON.parse(a.response) as QuizResponse,
				given: a.given,
				acceptedAt: iso(a.accepted_at)
			}))
	};
}

/** Which submission counts for each student: first or latest finished, or the best score. */
function countedIds(rows: SubmissionRow[], rule: AssignmentSqlRow['counts']): Set<string> {
	const byStudent = new Map<string, SubmissionRow[]>();
	for (const row of rows) {
		const list = byStudent.get(row.student_id) ?? [];
		list.push(row);
		byStudent.set(row.student_id, list);
	}
	const counted = new Set<string>();
	for (const list of byStudent.values()) {
		let pick = rule === 'latest' ? list[list.length - 1]! : list[0]!;
		if (rule === 'best') {
			// The highest score; on a tie the earlier attempt.
			for (const row of list) if ((row.score ?? -1) > (pick.score ?? -1)) pick = row;
		}
		counted.add(pick.id);
	}
	return counted;
}

/**
 * The instructor's view: every submission in the order received and, for a quiz, per-question
 * statistics and the grading changes made. Throws 404 for an unknown code and 401, with no data,
 * for a missing or wrong key.
 */
export async function getResults(
	db: DB,
	decks: Deck[],
	code: string,
	key: string | null
): Promise<AssignmentResults> {
	const row = await authorised(db, code, key);
	const assignment = view(row, decks);
	const rows: SubmissionRow[] = await db
		.selectFrom('submissions')
		.selectAll()
		.where('assignment_code', '=', code)
		.orderBy('received_at')
		.orderBy('seq')
		.execute();
	// Attempts are numbered, and "first" and "latest" judged, by when the student finished them.
	const byFinish = [...rows].sort((a, b) => a.finished_at - b.finished_at);
	const attempts = new Map<string, number>();
	const seen = new Map<string, number>();
	for (const s of byFinish) {
		const n = (seen.get(s.student_id) ?? 0) + 1;
		seen.set(s.student_id, n);
		attempts.set(s.id, n);
	}
	const counted = countedIds(byFinish, row.counts);
	const submissions = rows.map((s): SubmissionSummary => ({
		...resultOf(s, row),
		studentId: s.student_id,
		name: s.name,
		studentNumber: s.student_number,
		startedAt: iso(s.started_at),
		finishedAt: iso(s.finished_at),
		durationMs: s.finished_at - s.started_at,
		receivedAt: iso(s.received_at),
		attempt: attempts.get(s.id) ?? s.attempt,
		counts: counted.has(s.id)
	}));
	const cards = cardsOf(decks.find((d) => d.id === row.deck_id));
	const answers = rows.flatMap((s) => JSON.parse(s.answers) as StoredAnswer[]);
	const acceptances: AcceptanceRow[] = await db
		.selectFrom('acceptances')
		.select(['card_id', 'response', 'given', 'accepted_at'])
		.where('assignment_code', '=', code)
		.orderBy('accepted_at')
		.orderBy('card_id')
		.orderBy('response_key')
		.execute();
	const questions =
		row.mode === 'quiz'
			? assignment.questionIds.map((id) => questionStats(id, cards.get(id), answers, acceptances))
			: [];
	const changes = (
		await db
			.selectFrom('grading_changes')
			.select(['at', 'action', 'card_id', 'given', 'changed'])
			.where('assignment_code', '=', code)
			.orderBy('at')
			.orderBy('seq')
			.execute()
	).map((c): GradingChange => ({
		at: iso(c.at),
		action: c.action,
		cardId: c.card_id,
		given: c.given,
		changed: c.changed
	}));
	return { assignment, submissions, questions, changes };
}
