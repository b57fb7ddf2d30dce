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
/**
 * The most characters one response may hold in all its texts together (a cloze's blanks, an
 * ordering's events). The longest ordering of the decks lists 424 characters of events.
 */
export const MAX_RESPONSE_TOTAL_CHARS = 2000;
/** The most answers one submission may carry: a quiz has at most this many questions. */
export const MAX_ANSWERS_PER_SUBMISSION = MAX_QUESTION_COUNT;
/** The most cards one review report may list (the largest deck, `all`, has a few hundred). */
export const MAX_REVIEWED_CARDS = 1000;

/**
 * Characters that reorder the text around them when displayed (bidirectional embeddings,
 * overrides, isolates and marks): in a name they can make "Ann" display as someone else's.
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** With the `u` flag a surrogate pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * A human-readable string: NFC-normalised (so "é" typed two ways is one name), with no lone
 * surrogate (half an emoji, which no database or CSV round-trips) and no bidi control.
 */
export const HumanText = v.pipe(
	v.string(),
	v.check((s) => !LONE_SURROGATE.test(s), 'must not contain a lone surrogate (half a character)'),
	v.check((s) => !BIDI_CONTROLS.test(s), 'must not contain bidirectional control characters'),
	v.transform((s) => s.normalize('NFC'))
);

const ISO_8601 =
	/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Whether an ISO 8601 string (as {@link ISO_8601} reads it) names a day and time that exist:
 * `2025-02-30` or `T24:00` do not (JavaScript's Date would read the first as March 2).
 */
export function isCalendarDate(s: string): boolean {
	const m = ISO_8601.exec(s);
	if (!m) return false;
	const [year, month, day, hour = 0, minute = 0, second = 0, , offH = 0, offM = 0] = m
		.slice(1)
		.map((part) => (part === undefined || part === 'Z' ? undefined : Number(part)));
	return (
		month! >= 1 &&
		month! <= 12 &&
		day! >= 1 &&
		day! <= daysIn(year!, month!) &&
		hour <= 23 &&
		minute <= 59 &&
		second <= 59 &&
		offH <= 23 &&
		offM <= 59
	);
}

export const IsoDate = v.pipe(
	v.string(),
	v.maxLength(40),
	v.regex(ISO_8601, 'must be an ISO 8601 date'),
	v.check(isCalendarDate, 'must be a real calendar date and time'),
	v.check((s) => !Number.isNaN(Date.parse(s)), 'must be a real date')
);
const YEAR_2000 = Date.UTC(2000, 0, 1);
const YEAR_2100 = Date.UTC(2100, 0, 1);
/** An instant as an ISO string or epoch milliseconds, read as epoch milliseconds. */
export const Instant = v.pipe(
	v.union([v.number(), IsoDate], 'must be an ISO 8601 string or epoch milliseconds'),
	v.transform((t) => (typeof t === 'number' ? Math.round(t) : Date.parse(t))),
	v.check((t) => t >= YEAR_2000 && t < YEAR_2100, 'must be between 2000 and 2100')
);

export const JoinCodeSchema = v.pipe(v.string(), v.regex(JOIN_CODE_PATTERN));
const PassMark = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const MaxAttemptsSchema = v.union([v.literal(1), v.null()], 'must be 1 or null (unlimited)');
const AttemptCountsSchema = v.picklist(ATTEMPT_COUNTS, 'must be "first", "best" or "latest"');
const Title = v.pipe(HumanText, v.trim(), v.minLength(1), v.maxLength(MAX_TITLE_CHARS));
const DeckId = v.pipe(v.string(), v.maxLength(100));
const Instructions = v.optional(v.pipe(v.string(), v.maxLength(MAX_INSTRUCTIONS_CHARS)), '');
export const ClientId = v.pipe(
	v.string(),
	v.regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8-64 letters, digits or hyphens')
);
export const CardId = v.pipe(v.string(), v.maxLength(200));
const Text = v.pipe(
	v.string(),
	v.maxLength(
		MAX_RESPONSE_CHARS,
		(issue) => `at most ${MAX_RESPONSE_CHARS} characters, got ${issue.received}`
	)
);
const Texts = v.pipe(v.array(Text), v.maxLength(50));

/** The characters of all a response's texts. */
function responseChars(response: object) {
	const r = response as { option?: string; text?: string; texts?: string[]; events?: string[] };
	const texts = [r.option ?? '', r.text ?? '', ...(r.texts ?? []), ...(r.events ?? [])];
	return texts.reduce((sum, t) => sum + t.length, 0);
}

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
export const QuizResponseSchema = v.pipe(
	quizResponse(Text, Texts),
	v.check(
		(r) => responseChars(r) <= MAX_RESPONSE_TOTAL_CHARS,
		(issue) =>
			`at most ${MAX_RESPONSE_TOTAL_CHARS} characters in one response, got ${responseChars(issue.input as object)}`
	)
);
/**
 * The same shape without the API's size limits: what grading takes (a longer text is graded as
 * too long rather than refused).
 */
export const QuizResponseShape = quizResponse(v.string(), v.array(v.string()));
export type QuizResponse = v.InferOutput<typeof QuizResponseSchema>;

/** The most cards a review assignment of chosen cards (`cardIds`) may list. */
export const MAX_ASSIGNMENT_CARDS = 300;
/** The longest time limit of a quiz, in minutes (before a student's multiplier). */
export const MAX_TIME_LIMIT_MINUTES = 600;
const TimeLimitMinutes = v.pipe(
	v.number(),
	v.integer(),
	v.minValue(1),
	v.maxValue(MAX_TIME_LIMIT_MINUTES)
);
/**
 * What an assignment made inside a class adds: the class's code (the request then needs the
 * class key as `Authorization: Bearer`, see classes.ts).
 */
const classAssignmentFields = {
	classCode: v.optional(JoinCodeSchema)
};

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
		counts: v.optional(AttemptCountsSchema, DEFAULT_ATTEMPT_COUNTS),
		...classAssignmentFields,
		/** Minutes from start to finish; a student's roster multiplier lengthens it. */
		timeLimitMinutes: v.optional(v.nullable(TimeLimitMinutes), null),
		/** Each student gets the same questions in their own order, options shuffled too. */
		shuffle: v.optional(v.boolean(), false),
		cardIds: v.optional(v.never('only a review assignment takes a list of cards'))
	}),
	v.object({
		title: Title,
		deckId: DeckId,
		mode: v.literal('review'),
		passMark: v.optional(PassMark, DEFAULT_PASS_MARK),
		dueAt: IsoDate,
		instructions: Instructions,
		...classAssignmentFields,
		/**
		 * The cards to review (each in the deck named, no duplicates); absent: every card of the
		 * deck. "Assign a review of these sentences" sends the cards citing them, with deck "all".
		 */
		cardIds: v.optional(
			v.pipe(
				v.array(CardId),
				v.minLength(1, 'must list at least one card'),
				v.maxLength(
					MAX_ASSIGNMENT_CARDS,
					(issue) => `at most ${MAX_ASSIGNMENT_CARDS} cards, got ${issue.received}`
				)
			)
		)
	})
]);
export type NewAssignmentBody = v.InferInput<typeof NewAssignmentSchema>;

/** The body of `POST /api/assignments/<code>/submissions`. */
export const NewSubmissionSchema = v.pipe(
	v.object({
		id: ClientId,
		studentId: ClientId,
		// Stored as given but NFC-normalised; only its trimmed length is checked.
		name: v.pipe(
			v.string(),
			v.maxLength(200),
			HumanText,
			v.check(
				(s) => s.trim().length >= 1 && s.trim().length <= MAX_NAME_CHARS,
				`must be 1-${MAX_NAME_CHARS} characters`
			)
		),
		studentNumber: v.optional(v.pipe(v.string(), v.maxLength(MAX_STUDENT_NUMBER_CHARS), HumanText)),
		answers: v.optional(
			v.pipe(
				v.array(v.object({ cardId: CardId, response: QuizResponseSchema })),
				v.maxLength(
					MAX_ANSWERS_PER_SUBMISSION,
					(issue) =>
						`at most ${MAX_ANSWERS_PER_SUBMISSION} answers in one submission, got ${issue.received}`
				)
			),
			[]
		),
		reviewed: v.optional(
			v.pipe(
				v.array(CardId),
				v.maxLength(
					MAX_REVIEWED_CARDS,
					(issue) =>
						`at most ${MAX_REVIEWED_CARDS} cards in one review report, got ${issue.received}`
				)
			),
			[]
		),
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
	counts: AttemptCountsSchema,
	// Added with classes: sent for an assignment of a class or one using a time limit, shuffle or
	// closing; absent for a single assignment without them (and in a device's older stored views).
	/** The class the assignment belongs to, or null for a single assignment. */
	classCode: v.optional(v.nullable(JoinCodeSchema)),
	/** Closed by the instructor: submissions are refused (409) until reopened. */
	closed: v.optional(v.boolean()),
	/** The quiz's time limit in minutes before any student's multiplier, or null. */
	timeLimitMinutes: v.optional(v.nullable(v.number())),
	/** Each student gets the questions and options in their own order (studentOrderSeed). */
	shuffle: v.optional(v.boolean())
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
