import * as v from 'valibot';
import { ApiError } from '../http';

// ---- Input schemas -------------------------------------------------------------------------

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

/** Which of a student's attempts counts: the first, the best score or the latest finished. */
export const COUNTS = ['first', 'best', 'latest'] as const;
export type Counts = (typeof COUNTS)[number];

const Title = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120));
const DeckId = v.pipe(v.string(), v.maxLength(100));
const PassMark = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const Instructions = v.optional(v.pipe(v.string(), v.maxLength(2000)), '');

export const NewAssignment = v.variant('mode', [
	v.object({
		title: Title,
		deckId: DeckId,
		mode: v.literal('quiz'),
		questionCount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
		passMark: PassMark,
		dueAt: IsoDate,
		instructions: Instructions,
		maxAttempts: v.optional(
			v.union([v.literal(1), v.null()], 'must be 1 or null (unlimited)'),
			null
		),
		counts: v.optional(v.picklist(COUNTS, 'must be "first", "best" or "latest"'), 'best')
	}),
	v.object({
		title: Title,
		deckId: DeckId,
		mode: v.literal('review'),
		passMark: v.optional(PassMark, 0.7),
		dueAt: IsoDate,
		instructions: Instructions
	})
]);

const ClientId = v.pipe(
	v.string(),
	v.regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8-64 letters, digits or hyphens')
);
const CardId = v.pipe(v.string(), v.maxLength(200));
const Text = v.pipe(v.string(), v.maxLength(1000));
const Texts = v.pipe(v.array(Text), v.maxLength(50));

const Response = v.variant('kind', [
	v.object({ kind: v.literal('choice'), option: Text }),
	v.object({ kind: v.literal('truefalse'), value: v.boolean() }),
	v.object({ kind: v.literal('text'), text: Text }),
	v.object({ kind: v.literal('blanks'), texts: Texts }),
	v.object({ kind: v.literal('number'), text: Text }),
	v.object({ kind: v.literal('order'), events: Texts })
]);

export const NewSubmission = v.pipe(
	v.object({
		id: ClientId,
		studentId: ClientId,
		// Stored exactly as given; only its trimmed length is checked.
		name: v.pipe(
			v.string(),
			v.maxLength(200),
			v.check((s) => s.trim().length >= 1 && s.trim().length <= 80, 'must be 1-80 characters')
		),
		studentNumber: v.optional(v.pipe(v.string(), v.maxLength(40))),
		answers: v.optional(
			v.pipe(v.array(v.object({ cardId: CardId, response: Response })), v.maxLength(1000)),
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

/** An instructor accepting (or no longer accepting) one response to one question for everyone. */
export const AcceptanceInput = v.object({ cardId: CardId, response: Response });

/** Parses `input` or throws a 400 {@link ApiError} naming the first problem and where it is. */
export function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
	const result = v.safeParse(schema, input, { abortPipeEarly: true });
	if (result.success) return result.output;
	const issue = result.issues[0];
	throw new ApiError(400, `${v.getDotPath(issue) ?? 'body'}: ${issue.message}`);
}
