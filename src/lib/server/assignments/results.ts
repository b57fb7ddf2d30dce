import { timingSafeEqual } from 'node:crypto';
import type { Card, Deck } from '$lib/decks/types';
import type { DB } from '../db';
import { ApiError } from '../http';
import {
	cardsOf,
	findAssignment,
	sha256,
	view,
	type AssignmentRow,
	type AssignmentView
} from './assignments';
import { resultOf, type StoredAnswer, type SubmissionRow } from './submissions';

// ---- Results -------------------------------------------------------------------------------

export interface SubmissionSummary {
	id: string;
	studentId: string;
	name: string;
	studentNumber: string | null;
	score: number | null;
	passed: boolean | null;
	late: boolean;
	correct: number;
	total: number;
	startedAt: string;
	finishedAt: string;
	durationMs: number;
	receivedAt: string;
	attempt: number;
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
}

export interface Results {
	assignment: AssignmentView;
	submissions: SubmissionSummary[];
	questions: QuestionStats[];
}

/** Whether `key` is the assignment's instructor key, compared in constant time. */
function keyMatches(row: AssignmentRow, key: string | null): boolean {
	if (!key) return false;
	return timingSafeEqual(sha256(key), Buffer.from(row.key_hash, 'hex'));
}

function questionStats(
	cardId: string,
	card: Card | undefined,
	answers: StoredAnswer[]
): QuestionStats {
	const mine = answers.filter((a) => a.cardId === cardId);
	const wrong = new Map<string, number>();
	for (const a of mine) {
		if (!a.correct && a.given.trim()) wrong.set(a.given, (wrong.get(a.given) ?? 0) + 1);
	}
	let mostCommonWrong: string | null = null;
	let most = 0;
	for (const [given, count] of wrong) {
		if (count > most) [mostCommonWrong, most] = [given, count];
	}
	return {
		cardId,
		prompt: card?.prompt ?? '',
		answer: card?.answer ?? '',
		quote: card?.source.quote ?? '',
		section: card?.section ?? '',
		answered: mine.length,
		correctShare: mine.length === 0 ? 0 : mine.filter((a) => a.correct).length / mine.length,
		mostCommonWrong
	};
}

/**
 * The instructor's view: every submission in the order received and, for a quiz, per-question
 * statistics. Throws 404 for an unknown code and 401, with no data, for a missing or wrong key.
 */
export function getResults(db: DB, decks: Deck[], code: string, key: string | null): Results {
	const row = findAssignment(db, code);
	if (!keyMatches(row, key)) throw new ApiError(401, 'missing or wrong instructor key');
	const assignment = view(row, decks);
	const rows = db
		.prepare('SELECT * FROM submissions WHERE assignment_code = ? ORDER BY received_at, rowid')
		.all(code) as SubmissionRow[];
	const iso = (ms: number) => new Date(ms).toISOString();
	const submissions = rows.map((s) => ({
		...resultOf(s),
		studentId: s.student_id,
		name: s.name,
		studentNumber: s.student_number,
		startedAt: iso(s.started_at),
		finishedAt: iso(s.finished_at),
		durationMs: s.finished_at - s.started_at,
		receivedAt: iso(s.received_at),
		attempt: s.attempt
	}));
	const cards = cardsOf(decks.find((d) => d.id === row.deck_id));
	const answers = rows.flatMap((s) => JSON.parse(s.answers) as StoredAnswer[]);
	const questions =
		row.mode === 'quiz'
			? assignment.questionIds.map((id) => questionStats(id, cards.get(id), answers))
			: [];
	return { assignment, submissions, questions };
}
