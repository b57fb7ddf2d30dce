import * as v from 'valibot';
import { S_MAX, S_MIN, State, type CardState, type ReviewLogEntry } from '$lib/srs/states';
import { StudySettingsSchema } from '$lib/srs/settings';
import type { QuizAttemptRow } from './quiz-attempts';

// The stored rows' one definition: a backup's records, rows read back from IndexedDB and the
// repair in Settings are all checked against these, with the scheduler's own ranges (ts-fsrs:
// stability S_MIN..S_MAX days, difficulty 1..10, the four states), so a row that passes can never
// leave the study or quiz page stuck.

/** Epoch milliseconds between 1970 and 2200: a date, not a corrupted number. */
export const MAX_TIME = Date.UTC(2200, 0, 1);
const Time = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_TIME));
const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const Days = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(S_MAX));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));
const Grade = v.picklist([1, 2, 3, 4]);
const FsrsState = v.picklist([State.New, State.Learning, State.Review, State.Relearning]);
/** A new card has 0 for both (ts-fsrs's empty card); a studied one is within FSRS's limits. */
const Stability = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(S_MAX));
const Difficulty = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(10));

const isNew = (input: { state: number }) => input.state === State.New;

export const CardStateSchema: v.GenericSchema<CardState> = v.pipe(
	v.object({
		cardId: Id,
		due: Time,
		stability: Stability,
		difficulty: Difficulty,
		elapsedDays: Days,
		scheduledDays: Days,
		learningSteps: Count,
		reps: Count,
		lapses: Count,
		state: FsrsState,
		lastReview: v.nullable(Time),
		lastLogId: v.nullable(Id)
	}),
	v.forward(
		v.check(
			(s) => isNew(s) || s.stability >= S_MIN,
			`must be at least ${S_MIN} for a studied card`
		),
		['stability']
	),
	v.forward(
		v.check((s) => isNew(s) || s.difficulty >= 1, 'must be between 1 and 10 for a studied card'),
		['difficulty']
	)
);

export const ReviewLogSchema: v.GenericSchema<ReviewLogEntry> = v.pipe(
	v.object({
		id: Id,
		cardId: Id,
		rating: Grade,
		reviewedAt: Time,
		source: v.picklist(['study', 'quiz']),
		previous: v.nullable(CardStateSchema),
		state: FsrsState,
		due: Time,
		stability: Stability,
		difficulty: Difficulty,
		scheduledDays: Days,
		elapsedDays: Days,
		durationMs: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(86_400_000))
	}),
	v.forward(
		v.check(
			(s) => isNew(s) || s.stability >= S_MIN,
			`must be at least ${S_MIN} for a studied card`
		),
		['stability']
	),
	v.forward(
		v.check((s) => isNew(s) || s.difficulty >= 1, 'must be between 1 and 10 for a studied card'),
		['difficulty']
	)
);

const Share = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));

/**
 * A quiz attempt as the app stores it, and only one the quiz page can show or resume: answers
 * follow the questions in order, never more of them, and a result exactly when it is finished.
 */
export const QuizAttemptSchema: v.GenericSchema<QuizAttemptRow> = v.pipe(
	v.object({
		id: Id,
		deckId: Id,
		seed: v.pipe(v.number(), v.finite()),
		cardIds: v.pipe(v.array(Id), v.maxLength(1000)),
		feedback: v.picklist(['immediate', 'end']),
		passMark: Share,
		startedAt: Time,
		finishedAt: v.nullable(Time),
		answers: v.array(
			v.object({
				cardId: Id,
				response: v.unknown(),
				score: Share,
				correct: v.boolean(),
				answeredAt: Time,
				selfGraded: v.optional(v.literal(true))
			})
		),
		percent: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100))),
		passed: v.nullable(v.boolean()),
		retryOf: v.nullable(Id),
		assignmentCode: v.optional(v.nullable(v.string()))
	}),
	v.forward(
		v.check(
			(a) => a.answers.length <= a.cardIds.length,
			'has more answers than the attempt has questions'
		),
		['answers']
	),
	v.forward(
		v.check(
			(a) => a.answers.every((answer, i) => answer.cardId === a.cardIds[i]),
			'must answer the questions in their order'
		),
		['answers']
	),
	v.forward(
		v.check((a) => new Set(a.cardIds).size === a.cardIds.length, 'lists a question twice'),
		['cardIds']
	),
	v.forward(
		v.check(
			(a) => a.finishedAt !== null || a.cardIds.length > 0,
			'an unfinished attempt needs its questions'
		),
		['cardIds']
	),
	v.forward(
		v.check(
			(a) => a.finishedAt === null || a.finishedAt >= a.startedAt,
			'must not be before the attempt started'
		),
		['finishedAt']
	),
	v.forward(
		v.check(
			(a) => (a.finishedAt === null) === (a.percent === null && a.passed === null),
			'a finished attempt has a result and an unfinished one none'
		),
		['percent']
	)
);

export const SettingsRowSchema = v.object({ key: v.literal('study'), value: StudySettingsSchema });

/** "at reviewLogs record 12, field stability: must be ..." from a failed parse. */
export function describeIssue(issues: readonly v.BaseIssue<unknown>[]): {
	field: string;
	message: string;
} {
	const issue = issues[0]!;
	const field = issue.path?.map((p) => String(p.key)).join('.') || 'the record';
	return { field, message: issue.message };
}
