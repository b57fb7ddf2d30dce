import { DEFAULT_PASS_MARK, MAX_RESPONSE_CHARS, studentOrderSeed, submissionBody } from '$lib/api';
import type { Card, Deck } from '$lib/decks/types';
import {
	gradeResponse,
	gradeStoredResponse,
	type GradeResult,
	type QuizResponse
} from '$lib/quiz/grade';
import { canSelfGrade } from '$lib/quiz/feedback';
import { scoreQuiz } from '$lib/quiz/score';
import { isQuizzable, selectQuestions } from '$lib/quiz/select';
import { studentQuizOrder } from '$lib/quiz/student-order';
import { quizDeadline, timeAllowedMs } from '$lib/quiz/time-limit';
import {
	attemptsForDeck,
	finishAttempt,
	saveAttempt,
	type QuizAttemptRow
} from '$lib/storage/quiz-attempts';
import { storage, type StorageConnection } from '$lib/storage/connection.svelte';
import { getJoined, studentId, type DeviceAssignment } from '$lib/storage/assignments';
import { findClassAssignment } from '$lib/storage/classes';
import type { MeridianDB } from '$lib/storage/db';
import { newOutboxItem } from '$lib/storage/outbox';
import { outbox } from '$lib/sync/sync.svelte';

export type FeedbackMode = 'immediate' | 'end';

// The server takes texts of at most MAX_RESPONSE_CHARS; longer ones are cut before grading.
const clip = (text: string) => text.slice(0, MAX_RESPONSE_CHARS);

/** A response cut to what the server accepts, so the app and the server grade the same text. */
function clipResponse(response: QuizResponse): QuizResponse {
	switch (response.kind) {
		case 'text':
		case 'number':
			return { ...response, text: clip(response.text) };
		case 'blanks':
			return { ...response, texts: response.texts.map(clip) };
		default:
			return response;
	}
}

/** The clock, ids and seeds, passed in so tests can drive a quiz. */
export interface QuizEnv {
	now: () => number;
	newId: () => string;
	newSeed: () => number;
}

const browserEnv: QuizEnv = {
	now: () => Date.now(),
	newId: () => crypto.randomUUID(),
	newSeed: () => crypto.getRandomValues(new Uint32Array(1))[0] ?? 1
};

/** One deck's quizzes: starting, answering, resuming after a reload, results and retries. */
export class QuizRun {
	phase = $state<'loading' | 'start' | 'question' | 'results'>('loading');
	attempts = $state.raw<QuizAttemptRow[]>([]);
	attempt = $state.raw<QuizAttemptRow | null>(null);
	/** The grade of the answer just given, while its feedback shows. */
	feedback = $state.raw<GradeResult | null>(null);
	busy = $state(false);
	readonly #cards: Record<string, Card>;
	readonly #deck: Deck;
	readonly #env: QuizEnv;
	readonly #storage: StorageConnection;
	/** The joined class assignment this quiz answers, when opened from one. */
	assignment = $state.raw<Extract<DeviceAssignment, { role: 'student' }> | null>(null);
	/**
	 * What holds for this student in an assignment of a class they joined (from the class's last
	 * overview): who they are in the class, their time limit with extra time, whether it is closed.
	 */
	terms = $state.raw<{
		studentId: string;
		timeLimitMinutes: number | null;
		closed: boolean;
	} | null>(null);
	readonly #assignmentCode: string | null;

	/** The time allowed for an attempt at the assignment (ms), or null without a time limit. */
	readonly timeAllowed = $derived.by(() => {
		const minutes = this.terms
			? this.terms.timeLimitMinutes
			: (this.assignment?.assignment.timeLimitMinutes ?? null);
		return minutes ? timeAllowedMs(minutes) : null;
	});
	/** When time runs out for the attempt under way (an assignment's, with a limit), or null. */
	readonly deadline = $derived(
		this.attempt &&
			this.attempt.finishedAt === null &&
			this.attempt.assignmentCode &&
			this.timeAllowed !== null
			? quizDeadline(this.attempt.startedAt, this.timeAllowed)
			: null
	);

	readonly questions = $derived(
		(this.attempt?.cardIds ?? []).map((id) => this.#cards[id]).filter((c) => c !== undefined)
	);
	readonly answered = $derived(this.attempt?.answers.length ?? 0);
	readonly current = $derived(
		this.feedback ? this.questions[this.answered - 1] : this.questions[this.answered]
	);
	readonly finished = $derived(this.attempts.filter((a) => a.finishedAt !== null));

	constructor(
		deck: Deck,
		assignmentCode: string | null = null,
		env: QuizEnv = browserEnv,
		connection: StorageConnection = storage
	) {
		this.#storage = connection;
		this.#assignmentCode = assignmentCode;
		this.#deck = deck;
		this.#env = env;
		this.#cards = Object.fromEntries(deck.cards.map((c) => [c.id, c]));
	}

	card(id: string): Card | undefined {
		return this.#cards[id];
	}

	/** Loads past attempts and resumes an unfinished one. */
	async load(): Promise<void> {
		try {
			const db = await this.#storage.open();
			if (this.#assignmentCode) {
				this.assignment = (await getJoined(db, this.#assignmentCode)) ?? null;
				// An assignment of a joined class needs no code of its own.
				const inClass = this.assignment
					? undefined
					: await findClassAssignment(db, this.#assignmentCode);
				if (inClass) {
					const { membership, assignment } = inClass;
					this.assignment = {
						id: `class:${assignment.code}`,
						role: 'student',
						assignment,
						name: membership.name,
						studentNumber: membership.studentNumber,
						joinedAt: membership.joinedAt
					};
					this.terms = {
						studentId: membership.studentId,
						timeLimitMinutes: assignment.effectiveTimeLimitMinutes,
						closed: assignment.closed
					};
				}
			}
			const code = this.assignment?.assignment.code ?? null;
			this.attempts = (await attemptsForDeck(db, this.#deck.id)).filter(
				(a) => (a.assignmentCode ?? null) === code
			);
			const open = this.attempts.findLast((a) => a.finishedAt === null);
			const expired =
				open?.assignmentCode &&
				this.timeAllowed !== null &&
				this.#env.now() >= quizDeadline(open.startedAt, this.timeAllowed);
			if (open && open.answers.length < open.cardIds.length && !expired) {
				this.attempt = open;
				this.phase = 'question';
			} else {
				this.phase = 'start';
				// Every question answered (or the time ran out) but the page closed before "See
				// results": finish it now, so the result is kept, its reviews applied and an
				// assignment's attempt sent.
				if (open) await this.#finish(open);
			}
		} catch (error) {
			this.#storage.report(error);
			this.phase = 'start';
		}
	}

	async start(
		count: number | 'all',
		feedback: FeedbackMode,
		cardIds?: string[],
		retryOf: string | null = null
	) {
		const assigned = this.assignment?.assignment;
		if (assigned && !cardIds && this.terms?.closed) return;
		// A shuffled assignment: this student's own order of the same questions, on every device.
		const order =
			assigned?.shuffle && !cardIds
				? studentQuizOrder(assigned.questionIds, studentOrderSeed(assigned.code, await this.#me()))
				: null;
		const seed = order?.seed ?? this.#env.newSeed();
		const pool = this.#deck.cards.filter(isQuizzable);
		const ids =
			cardIds ??
			order?.questionIds ??
			assigned?.questionIds ??
			selectQuestions(pool, count, seed, { entities: this.#deck.entities }).map((c) => c.id);
		const attempt: QuizAttemptRow = {
			id: this.#env.newId(),
			deckId: this.#deck.id,
			seed,
			cardIds: ids,
			feedback,
			passMark: assigned?.passMark ?? DEFAULT_PASS_MARK,
			startedAt: this.#env.now(),
			finishedAt: null,
			answers: [],
			percent: null,
			passed: null,
			retryOf,
			assignmentCode: assigned && !retryOf ? assigned.code : null
		};
		if (!(await this.#save(attempt, null))) return;
		this.attempts = [...this.attempts, attempt];
		this.phase = 'question';
	}

	/** Grades and stores an answer; with immediate feedback the grade shows before moving on. */
	async answer(response: QuizResponse): Promise<void> {
		const attempt = this.attempt;
		const card = this.current;
		if (!attempt || !card || this.feedback || this.busy) return;
		const given = clipResponse(response);
		const result = gradeResponse(card, given);
		const next: QuizAttemptRow = {
			...attempt,
			answers: [
				...attempt.answers,
				{
					cardId: card.id,
					response: given,
					score: result.score,
					correct: result.correct,
					answeredAt: this.#env.now()
				}
			]
		};
		// The attempt and its feedback change together, so the question on screen (and the pick in
		// it) stays while the feedback shows.
		const immediate = attempt.feedback === 'immediate';
		if (!(await this.#save(next, immediate ? result : null))) return;
		if (!immediate) await this.next();
	}

	/** The response of the answer whose feedback shows. */
	get lastResponse(): unknown {
		return this.feedback ? this.attempt?.answers.at(-1)?.response : undefined;
	}

	/** Whether "I was right" is offered for the feedback showing (self-study, a typed answer). */
	get canSelfGrade(): boolean {
		const card = this.current;
		const attempt = this.attempt;
		if (!card || !attempt || !this.feedback || this.feedback.selfGraded) return false;
		return canSelfGrade(card, this.feedback, !!attempt.assignmentCode);
	}

	/**
	 * "I was right": records the answer just given as right, marked self-graded in the attempt, so it
	 * counts in the score and FSRS gets Good, not Again. Self-study quizzes only.
	 */
	async selfGrade(): Promise<void> {
		const attempt = this.attempt;
		const feedback = this.feedback;
		const last = attempt?.answers.at(-1);
		if (!attempt || !feedback || !last || !this.canSelfGrade || this.busy) return;
		const next: QuizAttemptRow = {
			...attempt,
			answers: [
				...attempt.answers.slice(0, -1),
				{ ...last, score: 1, correct: true, selfGraded: true }
			]
		};
		await this.#save(next, { ...feedback, correct: true, score: 1, selfGraded: true });
	}

	/**
	 * The time limit ran out: the attempt finishes with every answer given so far (the questions
	 * not reached count as unanswered), and is sent like any other.
	 */
	async timeUp(): Promise<void> {
		const attempt = this.attempt;
		if (!attempt || attempt.finishedAt !== null || this.deadline === null) return;
		if (this.#env.now() < this.deadline) return;
		this.feedback = null;
		await this.#finish(attempt);
	}

	/** Moves past feedback to the next question, or finishes the quiz. */
	async next(): Promise<void> {
		this.feedback = null;
		const attempt = this.attempt;
		if (attempt && attempt.answers.length >= attempt.cardIds.length) await this.#finish(attempt);
	}

	/** Starts a quiz of only the questions missed in the attempt shown. */
	async retryMissed(): Promise<void> {
		const attempt = this.attempt;
		if (!attempt) return;
		const missed = attempt.answers.filter((a) => !a.correct).map((a) => a.cardId);
		if (missed.length > 0) await this.start(missed.length, attempt.feedback, missed, attempt.id);
	}

	/** Shows the start screen again. */
	leave(): void {
		this.attempt = null;
		this.feedback = null;
		this.phase = 'start';
	}

	/** Re-grades a stored answer for the review list (grading is deterministic). */
	grade(cardId: string, response: unknown): GradeResult | null {
		const card = this.#cards[cardId];
		return card ? gradeStoredResponse(card, response) : null;
	}

	async #finish(attempt: QuizAttemptRow) {
		const now = this.#env.now();
		// Over every question, as the server scores: one not reached (time ran out) is wrong.
		const score = scoreQuiz(
			attempt.cardIds.map((cardId) => {
				const given = attempt.answers.find((a) => a.cardId === cardId);
				return { cardId, score: given?.score ?? 0, correct: given?.correct ?? false };
			}),
			attempt.passMark
		);
		const done: QuizAttemptRow = {
			...attempt,
			finishedAt: now,
			percent: score.percent,
			passed: score.passed
		};
		this.busy = true;
		try {
			const db = await this.#storage.open();
			await finishAttempt(
				db,
				await this.#storage.settings(),
				done,
				now,
				await this.#submission(db, done, now)
			);
			this.attempt = done;
			this.attempts = this.attempts.map((a) => (a.id === done.id ? done : a));
			this.phase = 'results';
			if (done.assignmentCode) void outbox.flush();
		} catch (error) {
			this.#storage.report(error);
		} finally {
			this.busy = false;
		}
	}

	/** The outbox item that sends an assignment's attempt to the instructor. */
	async #submission(db: MeridianDB, attempt: QuizAttemptRow, now: number) {
		const joined = this.assignment;
		if (!joined || attempt.assignmentCode !== joined.assignment.code) return undefined;
		const student = { ...joined, studentId: await this.#me(db) };
		const lastAnswer = attempt.answers.at(-1)?.answeredAt;
		const timedOut = attempt.answers.length < attempt.cardIds.length && this.timeAllowed !== null;
		const body = submissionBody(student, {
			id: attempt.id,
			answers: attempt.answers,
			startedAt: attempt.startedAt,
			// Finished when the last question was answered, not when its feedback was dismissed;
			// when the time ran out, when it did.
			finishedAt: timedOut
				? Math.min(now, quizDeadline(attempt.startedAt, this.timeAllowed!))
				: (lastAnswer ?? attempt.finishedAt ?? now)
		});
		return newOutboxItem(joined.assignment.code, body, now);
	}

	/** The student's id: the one they joined the class with, else this device's. */
	async #me(db?: MeridianDB): Promise<string> {
		if (this.terms) return this.terms.studentId;
		return studentId(db ?? (await this.#storage.open()), this.#env.newId);
	}

	/** Stores the attempt; false (with the problem shown) when it could not be stored. */
	async #save(
		attempt: QuizAttemptRow,
		feedback: GradeResult | null = this.feedback
	): Promise<boolean> {
		this.busy = true;
		try {
			await saveAttempt(await this.#storage.open(), attempt);
			this.attempt = attempt;
			this.feedback = feedback;
			return true;
		} catch (error) {
			this.#storage.report(error);
			return false;
		} finally {
			this.busy = false;
		}
	}
}
