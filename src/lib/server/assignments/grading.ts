import type { Card } from '$lib/decks/types';
import { gradeResponse, scoreQuiz, type QuizResponse } from '$lib/quiz';
import { isBlank, responseKey } from '$lib/quiz/overrides';
import type { Kysely } from 'kysely';
import { hotQuery, type Schema } from '../db';
import { marksText } from '../migrations/marks';

// ---- Grading with the instructor's accepted responses ---------------------------------------

/** One graded answer as stored. */
export interface StoredAnswer {
	cardId: string;
	response: QuizResponse;
	correct: boolean;
	score: number;
	given: string;
	/**
	 * The response's {@link responseKey} (how wrong responses are grouped and accepted), stored so
	 * the database can count groups without the grader: `answer_stats`, migration 7.
	 */
	key: string;
	/** An empty typed response ({@link isBlank}); absent otherwise. */
	blank?: true;
	/** Right only because the instructor accepted this response for everyone. */
	accepted?: true;
}

/** A quiz submission's totals over all its questions. */
export interface Outcome {
	score: number | null;
	passed: boolean | null;
	correct: number;
	total: number;
}

/**
 * Grades one answer with the app's own `gradeResponse`; a response the instructor accepted for
 * this question is then fully right. Throws `QuizResponseKindError` for a response of the wrong
 * kind (before any acceptance is looked at).
 */
export function gradeAnswer(card: Card, response: QuizResponse, accepted: Accepted): StoredAnswer {
	const { correct, score, given, key, blank } = gradeOnce(card, response);
	const base = {
		cardId: card.id,
		response,
		given,
		key,
		...(blank ? { blank: true as const } : {})
	};
	if (!correct && !blank && accepted.has(acceptedKey(card.id, key)))
		return { ...base, correct: true, score: 1, accepted: true };
	return { ...base, correct, score };
}

/** What grading gives for one response to one card, before the instructor's acceptances. */
interface Graded {
	correct: boolean;
	score: number;
	given: string;
	key: string;
	blank: boolean;
}

/** How many responses' grades each card keeps (the first graded out first). */
export const GRADES_KEPT_PER_CARD = 256;

/** Per card (a deck compiled again gives new cards, graded afresh): grades by response. */
const grades = new WeakMap<Card, Map<string, Graded>>();

/**
 * `gradeResponse`, `responseKey` and `isBlank` of a response, remembered per card by the response's
 * JSON: all three are pure functions of the card and the response, and a class gives the same
 * responses again and again (an option, True, the answer as the card spells it), so a submission
 * mostly looks its grades up instead of normalising and matching every accepted answer. What the
 * instructor has accepted is applied after, never remembered. A response of the wrong kind throws
 * each time and is not kept.
 */
export function gradeOnce(card: Card, response: QuizResponse): Graded {
	let byResponse = grades.get(card);
	if (!byResponse) grades.set(card, (byResponse = new Map()));
	const json = JSON.stringify(response);
	const kept = byResponse.get(json);
	if (kept) return kept;
	const { correct, score, given } = gradeResponse(card, response);
	const graded = { correct, score, given, key: responseKey(response), blank: isBlank(response) };
	if (byResponse.size >= GRADES_KEPT_PER_CARD) byResponse.delete(byResponse.keys().next().value!);
	byResponse.set(json, graded);
	return graded;
}

/** Scores a quiz over every question asked: an unanswered one counts as wrong. */
export function quizOutcome(
	questionIds: readonly string[],
	answers: readonly StoredAnswer[],
	passMark: number
): Outcome {
	const byCard = new Map(answers.map((a) => [a.cardId, a]));
	const quiz = scoreQuiz(
		questionIds.map((cardId) => byCard.get(cardId) ?? { cardId, score: 0, correct: false }),
		passMark
	);
	const correct = answers.filter((a) => a.correct).length;
	return { score: quiz.percent, passed: quiz.passed, correct, total: quiz.total };
}

/** The responses the instructor has accepted on an assignment, as question and response key. */
export type Accepted = ReadonlySet<string>;
const acceptedKey = (cardId: string, key: string) => `${cardId}\u0000${key}`;

/** The accepted responses, by the `response_key` stored with each (never normalised again). */
export async function acceptedResponses(db: Kysely<Schema>, code: string): Promise<Accepted> {
	return acceptedSet(await acceptancesOf(db, { code }));
}

/** The accepted responses of rows read from `acceptances`. */
export const acceptedSet = (rows: readonly { card_id: string; response_key: string }[]): Accepted =>
	new Set(rows.map((r) => acceptedKey(r.card_id, r.response_key)));

const acceptancesOf = hotQuery(['code'], (db, { code }: { code: string }) =>
	db
		.selectFrom('acceptances')
		.select(['card_id', 'response_key'])
		.where('assignment_code', '=', code)
		.compile()
);

/** A submission's row as regrading reads it, its answers parsed once. */
export interface SubmissionForRegrade {
	id: string;
	answersJson: string;
	answers: StoredAnswer[];
	score: number | null;
	passed: number | null;
	correct: number;
}

/** Every submission of an assignment, with its answers parsed, for one regrading transaction. */
export async function submissionsForRegrade(
	db: Kysely<Schema>,
	code: string
): Promise<SubmissionForRegrade[]> {
	const rows = await db
		.selectFrom('submissions')
		.select(['id', 'answers', 'score', 'passed', 'correct'])
		.where('assignment_code', '=', code)
		.orderBy('seq')
		.execute();
	return rows.map(({ answers, ...row }) => ({
		...row,
		answersJson: answers,
		answers: JSON.parse(answers) as StoredAnswer[]
	}));
}

/**
 * Regrades every stored answer to `card` in the submissions given (read by
 * {@link submissionsForRegrade} in the caller's transaction) against the accepted responses now
 * stored, and the totals of the submissions holding them; each row rewritten gets `seq` as its
 * `change_seq`. Returns how many scores changed.
 */
export async function regradeQuestion(
	db: Kysely<Schema>,
	assignment: { code: string; questionIds: readonly string[]; passMark: number },
	card: Card,
	rows: readonly SubmissionForRegrade[],
	seq: number
): Promise<number> {
	const accepted = await acceptedResponses(db, assignment.code);
	let changed = 0;
	for (const row of rows) {
		const answers = row.answers;
		if (!answers.some((a) => a.cardId === card.id)) continue;
		const regraded = answers.map((a) =>
			a.cardId === card.id ? gradeAnswer(card, a.response, accepted) : a
		);
		const outcome = quizOutcome(assignment.questionIds, regraded, assignment.passMark);
		const passed = outcome.passed === null ? null : Number(outcome.passed);
		if (outcome.score !== row.score) changed++;
		const answersJson = JSON.stringify(regraded);
		if (
			outcome.score === row.score &&
			passed === row.passed &&
			outcome.correct === row.correct &&
			answersJson === row.answersJson
		)
			continue;
		await db
			.updateTable('submissions')
			.set({
				answers: answersJson,
				marks: marksText(assignment.questionIds, regraded),
				score: outcome.score,
				passed,
				correct: outcome.correct,
				change_seq: seq
			})
			.where('assignment_code', '=', assignment.code)
			.where('id', '=', row.id)
			.execute();
	}
	return changed;
}
