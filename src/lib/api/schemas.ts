import * as v from 'valibot';

// The assignments API's request bodies and limits, read by the server's validation and by the
// app that builds the bodies. Changing a limit here changes both; docs/api.md states them.

/** Unambiguous when read aloud or copied from a projector: no 0/O, 1/I/L. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 7;
/** Exactly the codes the server issues. */
export const JOIN_CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** The pass mark of a self-study quiz and of a review assignment created without one. */
export const DEFAULT_PASS_MARK = 0.7;

export const ASSIGNMENT_MODES = ['quiz', 'review'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** Which of a student's attempts counts: the first, the best score or the latest finished. */
export const ATTEMPT_COUNTS = ['first', 'best', 'latest'] as const;
export type AttemptCounts = (typeof ATTEMPT_COUNTS)[number];
/** Attempts a quiz allows: one, or null for unlimited. */
export type MaxAttempts = 1 | null;
export const DEFAULT_MAX_ATTEMPTS: MaxAttempts = null;
export const DEFAULT_ATTEMPT_COUNTS: AttemptCounts = 'best';

export const MAX_TITLE_CHARS = 120;
export const MAX_QUESTION_COUNT = 50;
export const MAX_INSTRUCTIONS_CHARS = 2000;
export const MAX_NAME_CHARS = 80;
export const MAX_STUDENT_NUMBER_CHARS = 40;
/** The longest text of a response; the app cuts longer ones so both sides grade the same text. */
export const MAX_RESPONSE_CHARS = 1000;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const IsoDate = v.pipe(
	v.string(),
	v.maxLength(40),
	v.regex(ISO_8601, 'must be an ISO 8601 date'),
	v.check((s) => !Number.isNaN(Date.parse(s)), 'must be a real date')
);
const YEAR_2000 = Date.UTC(2000, 0, 1);
const YEAR_2100 = Date.UTC(2100, 0, 1);
/** An instant as an ISO string or epoch milliseconds, read as epoch milliseconds. */
const Instant = v.pipe(
	v.union([v.number(), IsoDate], 'must be an ISO 8601 string or epoch milliseconds'),
	v.transform((t) => (typeof t === 'number' ? Math.round(t) : Date.parse(t))),
	v.check((t) => t >= YEAR_2000 && t < YEAR_2100, 'must be between 2000 and 2100')
);

export const JoinCodeSchema = v.pipe(v.string(), v.regex(JOIN_CODE_PATTERN));
const PassMark = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const MaxAttemptsSchema = v.union([v.literal(1), v.null()], 'must be 1 or null (unlimited)');
const AttemptCountsSchema = v.picklist(ATTEMPT_COUNTS, 'must be "first", "best" or "latest"');
const Title = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_TITLE_CHARS));
const DeckId = v.pipe(v.string(), v.maxLength(100));
const Instructions = v.optional(v.pipe(v.string(), v.maxLength(MAX_INSTRUCTIONS_CHARS)), '');
const ClientId = v.pipe(
	v.string(),
	v.regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8-64 letters, digits or hyphens')
);
const CardId = v.pipe(v.string(), v.maxLength(200));
const Text = v.pipe(v.string(), v.maxLength(MAX_RESPONSE_CHARS));
const Texts = v.pipe(v.array(Text), v.maxLength(50));

/** What a student gave to one question, one shape per kind of input the quiz shows. */
const quizResponse = <
	T extends v.GenericSchema<unknown, string>,
	L extends v.GenericSchema<unknown, string[]>
>(
	text: T,
	texts: L
) =>
	v.variant('kind', [
		v.object({ kind: v.literal('choice'), option: text }),
		v.object({ kind: v.literal('truefalse'), value: v.boolean() }),
		v.object({ kind: v.literal('text'), text }),
		v.object({ kind: v.literal('blanks'), texts }),
		v.object({ kind: v.literal('number'), text }),
		v.object({ kind: v.literal('order'), events: texts })
	]);
export const QuizResponseSchema = quizResponse(Text, Texts);
/**
 * The same shape without the API's size limits: what grading takes (a longer text is graded as
 * too long rather than refused).
 */
export const QuizResponseShape = quizResponse(v.string(), v.array(v.string()));
export type QuizResponse = v.InferOutput<typeof QuizResponseSchema>;

/** The body of `POST /api/assignments`. */
export const NewAssignmentSchema = v.variant('mode', [
	v.object({
		title: Title,
		deckId: DeckId,
		mode: v.literal('quiz'),
		questionCount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_QUESTION_COUNT)),
		passMark: PassMark,
		dueAt: IsoDate,
		instructions: Instructions,
		maxAttempts: v.optional(MaxAttemptsSchema, DEFAULT_MAX_ATTEMPTS),
		counts: v.optional(AttemptCountsSchema, DEFAULT_ATTEMPT_COUNTS)
	}),
	v.object({
		title: Title,
		deckId: DeckId,
		mode: v.literal('review'),
		passMark: v.optional(PassMark, DEFAULT_PASS_MARK),
		dueAt: IsoDate,
		instructions: Instructions
	})
]);
export type NewAssignmentBody = v.InferInput<typeof NewAssignmentSchema>;

/** The body of `POST /api/assignments/<code>/submissions`. */
export const NewSubmissionSchema = v.pipe(
	v.object({
		id: ClientId,
		studentId: ClientId,
		// Stored exactly as given; only its trimmed length is checked.
		name: v.pipe(
			v.string(),
			v.maxLength(200),
			v.check(
				(s) => s.trim().length >= 1 && s.trim().length <= MAX_NAME_CHARS,
				`must be 1-${MAX_NAME_CHARS} characters`
			)
		),
		studentNumber: v.optional(v.pipe(v.string(), v.maxLength(MAX_STUDENT_NUMBER_CHARS))),
		answers: v.optional(
			v.pipe(
				v.array(v.object({ cardId: CardId, response: QuizResponseSchema })),
				v.maxLength(1000)
			),
			[]
		),
		reviewed: v.optional(v.pipe(v.array(CardId), v.maxLength(2000)), []),
		startedAt: Instant,
		finishedAt: Instant
	}),
	v.forward(
		v.check((s) => s.finishedAt >= s.startedAt, 'must not be before startedAt'),
		['finishedAt']
	)
);
export type SubmissionBody = v.InferInput<typeof NewSubmissionSchema>;

/** The body of `POST` and `DELETE /api/assignments/<code>/acceptances`. */
export const AcceptanceSchema = v.object({ cardId: CardId, response: QuizResponseSchema });
export type AcceptanceBody = v.InferInput<typeof AcceptanceSchema>;

/** `GET /api/assignments/<code>`: what a student needs to take an assignment. */
export const AssignmentViewSchema = v.object({
	code: JoinCodeSchema,
	title: v.string(),
	deckId: v.string(),
	deckTitle: v.string(),
	mode: v.picklist(ASSIGNMENT_MODES),
	questionIds: v.array(v.string()),
	passMark: PassMark,
	dueAt: v.string(),
	instructions: v.string(),
	createdAt: v.string(),
	maxAttempts: MaxAttemptsSchema,
	/** Which attempt of a student counts (for one attempt: "first"). */
	counts: AttemptCountsSchema
});
export type AssignmentView = v.InferOutput<typeof AssignmentViewSchema>;

/**
 * Reads `input` with `schema`: the value, or the first problem and where it is
 * (`answers.2.response.kind: ...`, `body: ...` for the whole body).
 */
export function validate<S extends v.GenericSchema>(
	schema: S,
	input: unknown
): { ok: true; value: v.InferOutput<S> } | { ok: false; error: string } {
	const result = v.safeParse(schema, input, { abortPipeEarly: true });
	if (result.success) return { ok: true, value: result.output };
	const issue = result.issues[0];
	return { ok: false, error: `${v.getDotPath(issue) ?? 'body'}: ${issue.message}` };
}
