import * as v from 'valibot';
import { inTransaction, type MeridianDB } from './db';
import { noteUnreadable } from './health.svelte';
import { QuizAttemptSchema } from './schemas';
import { describeStorageError } from './errors';
import type { OutboxRow } from './outbox';
import { applyReviews, type PendingReview, type ReviewStores } from './reviews';
import type { StudySettings } from '$lib/srs/settings';

export interface QuizAnswerRow {
	cardId: string;
	/** What the student gave, as the quiz recorded it. */
	response: unknown;
	score: number;
	correct: boolean;
	answeredAt: number;
	/** The student overruled a wrong verdict ("I was right"): counted right, FSRS gets Good. */
	selfGraded?: true;
}

/** A quiz attempt as stored: saved after every answer so a quiz resumes after a reload. */
export interface QuizAttemptRow {
	id: string;
	deckId: string;
	seed: number;
	cardIds: string[];
	feedback: 'immediate' | 'end';
	passMark: number;
	startedAt: number;
	finishedAt: number | null;
	answers: QuizAnswerRow[];
	/** Set when finished: the share of points, 0-100. */
	percent: number | null;
	passed: boolean | null;
	/** The attempt whose missed questions this one retries. */
	retryOf: string | null;
	/** The class assignment this attempt answers, if any. */
	assignmentCode?: string | null;
}

/** Saves an unfinished attempt (after each answer). */
export async function saveAttempt(db: MeridianDB, attempt: QuizAttemptRow): Promise<void> {
	try {
		await db.put('quizAttempts', attempt);
	} catch (error) {
		throw describeStorageError(error);
	}
}

/** Every attempt on a deck, oldest first. */
export async function attemptsForDeck(db: MeridianDB, deckId: string): Promise<QuizAttemptRow[]> {
	const rows = await inTransaction(db, ['quizAttempts'], 'readonly', (tx) =>
		tx.store.index('byDeck').getAll(deckId)
	);
	// An attempt the quiz could not show or resume is skipped (Settings can repair it).
	const readable = rows.filter((row) => v.is(QuizAttemptSchema, row));
	if (readable.length < rows.length) noteUnreadable('quizAttempts', rows.length - readable.length);
	return readable.sort((a, b) => a.startedAt - b.startedAt);
}

/**
 * Finishes an attempt: stores it with its result and feeds the answers into study through the
 * same FSRS code, all in one transaction. A wrong answer is logged as an Again review from the
 * quiz; a right one counts as Good only when the card was due. Log ids derive from the attempt,
 * so finishing twice (two tabs, a retry after a failure) applies nothing twice. An assignment's
 * submission goes into the outbox in the same transaction, so it cannot be lost in between.
 */
export async function finishAttempt(
	db: MeridianDB,
	settings: StudySettings,
	attempt: QuizAttemptRow,
	now: number,
	submission?: OutboxRow
): Promise<void> {
	const reviews: PendingReview[] = attempt.answers.map((answer) => ({
		logId: `quiz-${attempt.id}-${answer.cardId}`,
		cardId: answer.cardId,
		rating: answer.correct ? 3 : 1,
		now,
		source: 'quiz',
		onlyIfDue: answer.correct
	}));
	const scope: ReviewStores = [
		'cardStates',
		'reviewLogs',
		'daySummaries',
		'logChunks',
		'quizAttempts'
	];
	if (submission) scope.push('outbox');
	await inTransaction(db, scope, 'readwrite', async (tx, track) => {
		await applyReviews(tx, settings, reviews, track);
		track(tx.objectStore('quizAttempts').put(attempt));
		if (submission) track(tx.objectStore('outbox').put(submission));
	});
}
