import * as v from 'valibot';
import type { AssignmentCreated, SubmissionResult } from './answers';
import { apiRequest, ApiResponseError, assignmentPath } from './request';
import {
	CardId,
	ClientId,
	HumanText,
	Instant,
	IsoDate,
	JOIN_CODE_PATTERN,
	MAX_INSTRUCTIONS_CHARS,
	MAX_NAME_CHARS,
	MAX_STUDENT_NUMBER_CHARS,
	MAX_TITLE_CHARS,
	MAX_TIME_LIMIT_MINUTES,
	type AssignmentView,
	type NewAssignmentBody,
	type QuizResponse
} from './schemas';

// The classes API (docs/api.md, "Classes"): one definition of its request bodies, limits, paths
// and answers, shared by the server (which validates with these schemas) and the app, and the
// client functions the app's pages call. Additive only: other code builds on every name here.
//
// Keys, all `Authorization: Bearer <key>`, 43 base64url characters, only their SHA-256 stored:
// - the class key (instructor): every instructor action on the class and its assignments;
// - a member key (student): their own view of the class (`/me`) and their review progress.
// An unknown class code answers 404; a wrong or missing key 401; a member key used where the
// class key is needed 403.

// ---- Limits ----------------------------------------------------------------------------------

export const MAX_CLASS_NAME_CHARS = 120;
/** The most students a roster holds (one class; a lecture of 2,000 fits). */
export const MAX_ROSTER_ENTRIES = 2000;
/** The most characters of a pasted roster (2,000 lines of a long name and number). */
export const MAX_ROSTER_TEXT_CHARS = 240_000;
/** A student's time multiplier (extra time): 1 (none) to 4, e.g. 1.25, 1.5, 2. */
export const MIN_TIME_MULTIPLIER = 1;
export const MAX_TIME_MULTIPLIER = 4;
/** The most students one extension request names. */
export const MAX_EXTENSION_STUDENTS = 2000;
/** The most cards one progress report carries (the app sends in batches of this many). */
export const MAX_PROGRESS_CARDS = 300;
/** Near name matches offered to a joiner to confirm, at most. */
export const MAX_JOIN_CANDIDATES = 5;
/** How many sentences the knowledge map lists as the class's weakest. */
export const WEAKEST_SENTENCES = 10;
/** A key as the server issues it: 32 random bytes, base64url. */
export const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

// ---- Paths -----------------------------------------------------------------------------------

/** The path of one class below `/api/`, with an optional sub-resource. */
export const classPath = (code: string, below = '') =>
	`classes/${encodeURIComponent(code)}${below && `/${below}`}`;

/** The app's page where a student joins a class (the join link and QR code point here). */
export const classJoinPage = (code: string) => `/class/${encodeURIComponent(code)}`;
/** The app's class dashboard; the class key travels in the fragment (`#key=`), never to logs. */
export const classDashboardPage = (code: string, key?: string) =>
	`/teach/class/${encodeURIComponent(code)}${key ? `#key=${key}` : ''}`;

// ---- Pieces ----------------------------------------------------------------------------------

const Key = v.pipe(v.string(), v.regex(KEY_PATTERN, 'must be 43 base64url characters'));
const ClassCode = v.pipe(v.string(), v.regex(JOIN_CODE_PATTERN, 'not a class code'));

/** A person's name: trimmed, 1-80 characters, HumanText rules (NFC, no bidi controls). */
export const PersonName = v.pipe(
	v.string(),
	v.maxLength(200, 'must be at most 80 characters'),
	HumanText,
	v.trim(),
	v.minLength(1, 'must not be empty'),
	v.maxLength(MAX_NAME_CHARS, `must be at most ${MAX_NAME_CHARS} characters`)
);
/** A student number: trimmed, 0-40 characters, HumanText rules; empty means none. */
export const StudentNumber = v.pipe(
	v.string(),
	v.maxLength(MAX_STUDENT_NUMBER_CHARS, `must be at most ${MAX_STUDENT_NUMBER_CHARS} characters`),
	HumanText,
	v.trim()
);
export const TimeMultiplier = v.pipe(
	v.number(),
	v.minValue(MIN_TIME_MULTIPLIER, `must be at least ${MIN_TIME_MULTIPLIER}`),
	v.maxValue(MAX_TIME_MULTIPLIER, `must be at most ${MAX_TIME_MULTIPLIER}`)
);
const ClassName = v.pipe(
	v.string(),
	v.maxLength(400),
	HumanText,
	v.trim(),
	v.minLength(1, 'must not be empty'),
	v.maxLength(MAX_CLASS_NAME_CHARS, `must be at most ${MAX_CLASS_NAME_CHARS} characters`)
);

/** One roster entry as sent in an array (the same rules as a pasted line). */
export const RosterEntryInputSchema = v.object({
	name: PersonName,
	studentNumber: v.optional(StudentNumber),
	timeMultiplier: v.optional(TimeMultiplier)
});
export type RosterEntryInput = v.InferInput<typeof RosterEntryInputSchema>;

/**
 * A roster: pasted text, one student a line, `name, student number` (the number after the last
 * comma or a tab; a last field without a digit is part of the name, so "Smith, Ann" is a name),
 * empty lines skipped; or an array of entries. The server parses it (`parseRoster`, server
 * side) and answers 400 naming the line and the problem; nothing is stored on any error.
 */
export const RosterInputSchema = v.union(
	[
		v.pipe(
			v.string(),
			v.maxLength(
				MAX_ROSTER_TEXT_CHARS,
				(issue) => `at most ${MAX_ROSTER_TEXT_CHARS} characters, got ${issue.received}`
			)
		),
		v.pipe(
			v.array(v.unknown()),
			v.maxLength(
				MAX_ROSTER_ENTRIES,
				(issue) => `at most ${MAX_ROSTER_ENTRIES} students, got ${issue.received}`
			)
		)
	],
	'must be text (one "name, student number" a line) or a list of { name, studentNumber }'
);

// ---- Request bodies --------------------------------------------------------------------------

/** `POST /api/classes` (no key; rate-limited like creating an assignment). */
export const NewClassSchema = v.object({
	name: ClassName,
	roster: v.optional(RosterInputSchema)
});
export type NewClassBody = v.InferInput<typeof NewClassSchema>;

/** `PATCH /api/classes/<code>` (class key): rename. */
export const EditClassSchema = v.object({ name: ClassName });
export type EditClassBody = v.InferInput<typeof EditClassSchema>;

/** `POST /api/classes/<code>/roster` (class key): add students, the same rules as at creation. */
export const AddRosterSchema = v.object({ roster: RosterInputSchema });
export type AddRosterBody = v.InferInput<typeof AddRosterSchema>;

/**
 * `PATCH /api/classes/<code>/roster/<rosterId>` (class key): change one entry. `studentNumber`
 * `""` or null removes it; a number another entry has is refused (409).
 */
export const EditRosterEntrySchema = v.object({
	name: v.optional(PersonName),
	studentNumber: v.optional(v.nullable(StudentNumber)),
	timeMultiplier: v.optional(TimeMultiplier)
});
export type EditRosterEntryBody = v.InferInput<typeof EditRosterEntrySchema>;

/**
 * `POST /api/classes/<code>/members` (no key): a student joins. `studentId` is the device's
 * student id (the same as in submissions). `memberKey`: a secret the device makes (32 random
 * bytes, base64url) so that a retry from the outbox is recognised; absent, the server makes one
 * and answers it once. `confirmRosterId`: the roster entry the student confirmed among the
 * candidates offered, or null for "none of these" (joins as pending).
 */
export const JoinClassSchema = v.object({
	studentId: ClientId,
	name: PersonName,
	studentNumber: v.optional(StudentNumber),
	memberKey: v.optional(Key),
	confirmRosterId: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64))))
});
export type JoinClassBody = v.InferInput<typeof JoinClassSchema>;

/**
 * `POST /api/classes/<code>/members/<studentId>` (class key): the instructor matches a joiner to a
 * roster entry (one not matched to another member) or accepts them without one.
 */
export const MemberDecisionSchema = v.variant(
	'action',
	[
		v.object({ action: v.literal('match'), rosterId: v.pipe(v.string(), v.maxLength(64)) }),
		v.object({ action: v.literal('accept') })
	],
	'must be "match" (with rosterId) or "accept"'
);
export type MemberDecisionBody = v.InferInput<typeof MemberDecisionSchema>;

/**
 * `PATCH /api/assignments/<code>` (the class key of its class, or its own instructor key). Every
 * field optional; at least one. A closed assignment takes only `{ closed: false }` (reopen);
 * anything else answers 409 naming it. `dueAt` null is not allowed (every assignment has one).
 */
export const EditAssignmentSchema = v.pipe(
	v.object({
		title: v.optional(v.pipe(HumanText, v.trim(), v.minLength(1), v.maxLength(MAX_TITLE_CHARS))),
		instructions: v.optional(v.pipe(v.string(), v.maxLength(MAX_INSTRUCTIONS_CHARS))),
		dueAt: v.optional(IsoDate),
		closed: v.optional(v.boolean()),
		timeLimitMinutes: v.optional(
			v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TIME_LIMIT_MINUTES)))
		)
	}),
	v.check((b) => Object.values(b).some((x) => x !== undefined), 'must change at least one field')
);
export type EditAssignmentBody = v.InferInput<typeof EditAssignmentSchema>;

/**
 * `POST /api/assignments/<code>/extensions` (class key or instructor key; class assignments
 * only): a new due date for the students named (each a member of the class, else 400 naming
 * them and nothing stored). `dueAt` null removes their extensions.
 */
export const ExtensionsSchema = v.object({
	studentIds: v.pipe(
		v.array(ClientId),
		v.minLength(1, 'must name at least one student'),
		v.maxLength(
			MAX_EXTENSION_STUDENTS,
			(issue) => `at most ${MAX_EXTENSION_STUDENTS} students, got ${issue.received}`
		)
	),
	dueAt: v.nullable(IsoDate)
});
export type ExtensionsBody = v.InferInput<typeof ExtensionsSchema>;

/** FSRS's card states (ts-fsrs `State`): New 0, Learning 1, Review 2, Relearning 3. */
const FsrsState = v.picklist([0, 1, 2, 3], 'must be 0 (new), 1, 2 or 3');

/** One card's FSRS memory state, what predicted recall needs. */
export const ProgressCardSchema = v.object({
	cardId: CardId,
	stability: v.pipe(v.number(), v.minValue(0), v.maxValue(1e6)),
	difficulty: v.pipe(v.number(), v.minValue(0), v.maxValue(11)),
	/** Epoch ms or ISO 8601; null for a card never reviewed. */
	lastReview: v.nullable(Instant),
	reps: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e6)),
	lapses: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e6)),
	state: FsrsState
});
export type ProgressCard = v.InferInput<typeof ProgressCardSchema>;

/**
 * `POST /api/assignments/<code>/progress` (the student's member key of the assignment's class):
 * the student's FSRS state of cards of the assignment. Idempotent: per card the state with the
 * later `lastReview` is kept, so a replay or an older batch changes nothing. A card that is not
 * one of the assignment's answers 400 naming it, and nothing of the batch is stored.
 */
export const ProgressSchema = v.object({
	studentId: ClientId,
	cards: v.pipe(
		v.array(ProgressCardSchema),
		v.minLength(1, 'must carry at least one card'),
		v.maxLength(
			MAX_PROGRESS_CARDS,
			(issue) => `at most ${MAX_PROGRESS_CARDS} cards in one report, got ${issue.received}`
		)
	)
});
export type ProgressBody = v.InferInput<typeof ProgressSchema>;

/** `POST /api/assignments` inside a class: the body with `classCode`, sent with the class key. */
export type NewClassAssignmentBody = NewAssignmentBody & { classCode: string };

// ---- Answers ---------------------------------------------------------------------------------

/** `GET /api/classes/<code>` (public): what a joiner needs. Nothing about students. */
export interface ClassPublic {
	code: string;
	name: string;
	/** Whether the class has a roster (the join form then asks for the student number). */
	hasRoster: boolean;
	createdAt: string;
}

/** One roster entry. */
export interface RosterEntry {
	id: string;
	name: string;
	studentNumber: string | null;
	timeMultiplier: number;
	createdAt: string;
	/** The member matched to this entry, or null (not joined yet). */
	studentId: string | null;
}

/** `POST /api/classes`: 201. The key is shown once; only its SHA-256 is stored. */
export interface ClassCreated {
	code: string;
	key: string;
	/** `<origin>/class/<code>`: the link and QR code for students. */
	joinUrl: string;
	/** `<origin>/teach/class/<code>#key=<key>`. */
	dashboardUrl: string;
	roster: RosterEntry[];
}

/** `POST /api/classes/<code>/key`: 200, the new class key (the old one stops working at once). */
export interface ClassKeyChanged {
	key: string;
	dashboardUrl: string;
}

/**
 * How a member stands: `matched` to a roster entry, `pending` (joined, not matched: the
 * instructor matches or accepts them), `accepted` by the instructor without a roster entry. A
 * pending member sees and does the class's assignments like any other.
 */
export type MemberStatus = 'matched' | 'pending' | 'accepted';

export interface MemberView {
	studentId: string;
	/** As the student typed it when joining. */
	name: string;
	studentNumber: string | null;
	rosterId: string | null;
	status: MemberStatus;
	joinedAt: string;
	/** From the roster entry matched (1 otherwise). */
	timeMultiplier: number;
}

/** A near roster match offered to a joiner to confirm (names only, never student numbers). */
export interface JoinCandidate {
	rosterId: string;
	name: string;
}

/**
 * `POST /api/classes/<code>/members`: 201 joined (200 on a retry or a rejoin with the same
 * member key), or 200 `confirm` with near roster matches and nothing stored: the student sends
 * the same body again with `confirmRosterId` (one of the candidates, or null for none).
 */
export type JoinResult =
	| { status: 'joined'; class: ClassPublic; member: MemberView; memberKey: string }
	| { status: 'confirm'; candidates: JoinCandidate[] };

/** One attempt or report of the student's own, in `/me`. */
export interface MyResult {
	id: string;
	score: number | null;
	passed: boolean | null;
	late: boolean;
	correct: number;
	total: number;
	startedAt: string;
	finishedAt: string;
	durationMs: number;
	/** Finished past the student's effective time limit; null without a time limit. */
	overtime: boolean | null;
	/** 1-based, in the order finished. */
	attempt: number;
	/** The attempt that counts under the assignment's rule. */
	counts: boolean;
}

/** An assignment of the class as one student sees it. */
export interface StudentAssignment extends AssignmentView {
	/** Effective due date: the student's extension when they have one, else the assignment's. */
	dueAt: string;
	/** The assignment's own due date. */
	assignmentDueAt: string;
	/** The student's extension, or null. */
	extendedTo: string | null;
	closed: boolean;
	/** The time limit times the student's multiplier, in minutes (may be fractional), or null. */
	effectiveTimeLimitMinutes: number | null;
	results: MyResult[];
	/** Review: cards of the assignment with progress sent, of `questionIds.length`; null for a quiz. */
	cardsStudied: number | null;
}

/** `GET /api/classes/<code>/me?studentId=<id>` (member key): the student's own class. */
export interface ClassMe {
	class: ClassPublic;
	member: MemberView;
	/** Newest first (by creation). */
	assignments: StudentAssignment[];
}

/** An assignment as the dashboard lists it (columns), oldest first. */
export interface DashboardAssignment {
	code: string;
	title: string;
	mode: 'quiz' | 'review';
	deckId: string;
	dueAt: string;
	createdAt: string;
	closed: boolean;
	timeLimitMinutes: number | null;
	shuffle: boolean;
	/** Questions of a quiz, cards of a review. */
	itemCount: number;
}

/**
 * One cell: `submitted` (on time, by the student's effective due date), `late`, `missing` (none
 * and the effective due date has passed), `open` (none yet, not due). Review: `submitted` once a
 * report arrived or every card has progress.
 */
export type CellStatus = 'submitted' | 'late' | 'missing' | 'open';

export interface DashboardCell {
	status: CellStatus;
	/** The counting attempt's score (quiz), else null. */
	score: number | null;
	passed: boolean | null;
	attempts: number;
	/** The student's extension of this assignment, or null. */
	extendedTo: string | null;
	/** Any counting attempt past the time limit. */
	overtime: boolean;
	/** Review: cards of the assignment with progress; null for a quiz. */
	cardsStudied: number | null;
	/** Review: mean predicted recall (0-1) now of those cards; null when none studied or a quiz. */
	recall: number | null;
}

/**
 * A row of the grid: a roster entry (joined or not) or a member without one (pending or
 * accepted). `studentId` null: on the roster, not joined yet.
 */
export interface DashboardStudent {
	studentId: string | null;
	rosterId: string | null;
	name: string;
	studentNumber: string | null;
	status: MemberStatus | 'not joined';
	timeMultiplier: number;
	/** Aligned with `assignments`. */
	cells: DashboardCell[];
}

/** `GET /api/classes/<code>/dashboard` (class key). */
export interface ClassDashboard {
	class: ClassPublic;
	assignments: DashboardAssignment[];
	/** Roster order (as pasted), then members without an entry in the order they joined. */
	students: DashboardStudent[];
	roster: RosterEntry[];
	members: MemberView[];
	/** Members with status `pending`, oldest first. */
	pending: MemberView[];
	/** The server's clock when recall was computed. */
	at: string;
}

// ---- The dashboard on the wire: one short array per cell ----------------------------------------

/**
 * The cell statuses by their number on the wire (`CELL_STATUSES[0]` is `submitted`). Append only.
 */
export const CELL_STATUSES = [
	'submitted',
	'late',
	'missing',
	'open'
] as const satisfies readonly CellStatus[];
/** {@link WireCell}'s flags: the counting attempt passed, did not pass, ran over the time limit. */
export const CELL_PASSED = 1;
export const CELL_NOT_PASSED = 2;
export const CELL_OVERTIME = 4;
/** Recall travels rounded to this many decimals (a millionth of a percent). */
export const WIRE_RECALL_DECIMALS = 7;

/**
 * One dashboard cell as `GET /api/classes/<code>/dashboard` sends it: a {@link DashboardCell} as
 * `[status, attempts, score, flags, cardsStudied, recall, extendedTo]` with the trailing items
 * that hold their default (0, null, 0, null, null, null) left out, so a term's 6,000 cells weigh
 * tens of kilobytes rather than a megabyte. `status` is an index into {@link CELL_STATUSES};
 * `flags` adds {@link CELL_PASSED} or {@link CELL_NOT_PASSED} (neither: `passed` null) and
 * {@link CELL_OVERTIME}. {@link encodeCell} and {@link decodeCell} are exact inverses (recall to
 * {@link WIRE_RECALL_DECIMALS} decimals); {@link parseDashboard} validates a whole answer.
 */
export type WireCell = [
	status: number,
	attempts?: number,
	score?: number | null,
	flags?: number,
	cardsStudied?: number | null,
	recall?: number | null,
	extendedTo?: string | null
];

/** A grid row on the wire: a {@link DashboardStudent} whose `cells` are {@link WireCell}s. */
export type WireStudent = Omit<DashboardStudent, 'cells'> & { cells: WireCell[] };
/** `GET /api/classes/<code>/dashboard` as sent; {@link parseDashboard} reads it. */
export type ClassDashboardWire = Omit<ClassDashboard, 'students'> & { students: WireStudent[] };

const statusIndex = Object.fromEntries(CELL_STATUSES.map((s, i) => [s, i])) as Record<
	CellStatus,
	number
>;
const RECALL_SCALE = 10 ** WIRE_RECALL_DECIMALS;

export function encodeCell(cell: DashboardCell): WireCell {
	const flags =
		(cell.passed === true ? CELL_PASSED : cell.passed === false ? CELL_NOT_PASSED : 0) |
		(cell.overtime ? CELL_OVERTIME : 0);
	const recall =
		cell.recall === null ? null : Math.round(cell.recall * RECALL_SCALE) / RECALL_SCALE;
	const wire: WireCell = [
		statusIndex[cell.status],
		cell.attempts,
		cell.score,
		flags,
		cell.cardsStudied,
		recall,
		cell.extendedTo
	];
	const defaults = [null, 0, null, 0, null, null, null];
	let length = wire.length;
	while (length > 1 && wire[length - 1] === defaults[length - 1]) length--;
	wire.length = length;
	return wire;
}

/** The cell a valid {@link WireCell} stands for ({@link parseDashboard} checks it first). */
export function decodeCell(wire: WireCell): DashboardCell {
	const flags = wire[3] ?? 0;
	return {
		status: CELL_STATUSES[wire[0]]!,
		score: wire[2] ?? null,
		passed: flags & CELL_PASSED ? true : flags & CELL_NOT_PASSED ? false : null,
		attempts: wire[1] ?? 0,
		extendedTo: wire[6] ?? null,
		overtime: (flags & CELL_OVERTIME) !== 0,
		cardsStudied: wire[4] ?? null,
		recall: wire[5] ?? null
	};
}

export const encodeDashboard = (board: ClassDashboard): ClassDashboardWire => ({
	...board,
	students: board.students.map((s) => ({ ...s, cells: s.cells.map(encodeCell) }))
});

/** A whole number from 0, its message naming the item. */
const count = (what: string) => {
	const message = `${what} must be a whole number from 0`;
	return v.pipe(v.number(message), v.integer(message), v.minValue(0, message));
};
const share = (what: string, max: number) => {
	const message = `${what} must be a number from 0 to ${max} or null`;
	return v.nullable(v.pipe(v.number(message), v.minValue(0, message), v.maxValue(max, message)));
};
const ALL_FLAGS = CELL_PASSED | CELL_NOT_PASSED | CELL_OVERTIME;
const WireCellSchema = v.tuple(
	[
		v.picklist(
			CELL_STATUSES.map((_, i) => i),
			`status must be one of ${CELL_STATUSES.map((s, i) => `${i} (${s})`).join(', ')}`
		),
		v.optional(count('attempts')),
		v.optional(share('score', 100)),
		v.optional(
			v.pipe(
				count('flags'),
				v.maxValue(ALL_FLAGS, `flags must be at most ${ALL_FLAGS}`),
				v.check(
					(f) => (f & (CELL_PASSED | CELL_NOT_PASSED)) !== (CELL_PASSED | CELL_NOT_PASSED),
					'flags say passed and not passed at once'
				)
			)
		),
		v.optional(v.nullable(count('cardsStudied'))),
		v.optional(share('recall', 1)),
		v.optional(v.nullable(IsoDate))
	],
	'a cell must be an array [status, attempts, score, flags, cardsStudied, recall, extendedTo]'
);
const WireDashboardSchema = v.looseObject({
	assignments: v.array(v.looseObject({ code: v.string() })),
	students: v.array(v.looseObject({ cells: v.array(WireCellSchema) }))
});

/**
 * Reads a dashboard answer: checks every cell and that each row has one per assignment, then
 * decodes the cells. A problem throws, naming where (`students.12.cells.3.0: status must be ...`).
 */
export function parseDashboard(input: unknown): ClassDashboard {
	const result = v.safeParse(WireDashboardSchema, input, { abortEarly: true });
	if (!result.success) {
		const issue = result.issues[0];
		throw new TypeError(`dashboard ${v.getDotPath(issue) ?? 'answer'}: ${issue.message}`);
	}
	const wire = input as ClassDashboardWire;
	const columns = wire.assignments.length;
	const students = wire.students.map((s, i) => {
		if (s.cells.length !== columns)
			throw new TypeError(
				`dashboard students.${i}.cells: ${s.cells.length} cells for ${columns} assignments`
			);
		return { ...s, cells: s.cells.map(decodeCell) };
	});
	return { ...wire, students };
}

/** One answer of a student, as the instructor sees it. */
export interface AnswerDetail {
	cardId: string;
	prompt: string;
	response: QuizResponse;
	/** The response as display text. */
	given: string;
	correct: boolean;
	/** Partial credit 0-1 (an ordering). */
	score: number;
	/** The card's right answer as display text. */
	answer: string;
}

export interface AttemptDetail extends MyResult {
	assignmentCode: string;
	title: string;
	mode: 'quiz' | 'review';
	receivedAt: string;
	/** Quiz: every answer given, in the order sent. Review: []. */
	answers: AnswerDetail[];
	/** Review report: the cards studied. */
	reviewed: string[];
}

/** `GET /api/classes/<code>/students/<studentId>` (class key). */
export interface StudentDetail {
	member: MemberView;
	/** Every attempt across the class, oldest finished first. */
	attempts: AttemptDetail[];
	/** Review assignments: cards studied and mean predicted recall now. */
	progress: {
		assignmentCode: string;
		cardsStudied: number;
		total: number;
		recall: number | null;
	}[];
	extensions: { assignmentCode: string; dueAt: string }[];
}

/** One cited sentence of the essay, as the class knows it. */
export interface SentenceStats {
	sentenceId: string;
	section: string;
	text: string;
	/** Every card citing it (the cards "assign a review of these" sends). */
	cardIds: string[];
	/** Questions of the class's quizzes citing it. */
	questions: number;
	/** Answers to those questions in quiz submissions (every attempt). */
	answered: number;
	/** Share of those answers fully right, 0-1; null when none. */
	correctShare: number | null;
	/** Cards citing it with review progress, counted per student. */
	studied: number;
	/** Mean predicted recall now over that progress, 0-1; null when none. */
	recall: number | null;
}

/** `GET /api/classes/<code>/knowledge` (class key). */
export interface ClassKnowledge {
	/** Every sentence with answers or progress, in essay order. */
	sentences: SentenceStats[];
	/**
	 * Up to ten sentences, weakest first: the lower of share right and recall, where known
	 * (sentences with neither are not listed).
	 */
	weakest: string[];
	at: string;
}

/** `GET /api/classes/<code>/assignments/<assignmentCode>/grid` (class key): one quiz in detail. */
export interface AssignmentGrid {
	assignment: DashboardAssignment;
	questions: { cardId: string; prompt: string; answer: string; type: string; options: string[] }[];
	/** One row per student who submitted; the counting attempt's answers, aligned with questions. */
	rows: {
		studentId: string;
		name: string;
		studentNumber: string | null;
		score: number | null;
		answers: ({ given: string; correct: boolean } | null)[];
	}[];
	/** Choice questions: how many counting attempts picked each option (`options` order). */
	optionCounts: Record<string, number[]>;
}

/** `POST /api/assignments/<code>/extensions`: 200. */
export interface ExtensionsResult {
	extensions: { studentId: string; dueAt: string }[];
	removed: number;
}

/** `POST /api/assignments/<code>/progress`: 200. */
export interface ProgressResult {
	/** Cards whose stored state changed (newer than what was there). */
	stored: number;
	/** Cards already stored with the same or a later review (a replay). */
	unchanged: number;
}

/**
 * What a submission answers for an assignment of a class (or one with a time limit, shuffle or
 * closing): SubmissionResult with the attempt's duration and overtime flag.
 */
export interface TimedSubmissionResult extends SubmissionResult {
	durationMs: number;
	/** Past the student's effective time limit; null without a limit. */
	overtime: boolean | null;
}

// ---- Shared rules ----------------------------------------------------------------------------

/**
 * The seed of one student's question and option order in a shuffled assignment: FNV-1a of the
 * assignment code and student id, so every device of the student (and the instructor's preview)
 * draws the same order. Feed it to `seededRandom` (src/lib/random.ts).
 */
export function studentOrderSeed(assignmentCode: string, studentId: string): number {
	let hash = 0x811c9dc5;
	for (const ch of `${assignmentCode}\u0000${studentId}`) {
		hash ^= ch.codePointAt(0)!;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}

/** A time limit lengthened by a multiplier, in minutes; null stays null. */
export const effectiveTimeLimit = (limit: number | null, multiplier: number) =>
	limit === null ? null : limit * multiplier;

/** Whether a string is a class code as the server issues them. */
export const isClassCode = (code: string) => v.is(ClassCode, code);

// ---- Client ----------------------------------------------------------------------------------

interface Options {
	/** SvelteKit's `fetch` in a load, a fake in tests. */
	fetch?: typeof fetch;
}

/** Creates a class; keep `key` (only its hash is stored). */
export const createClass = (body: NewClassBody, o: Options = {}) =>
	apiRequest<ClassCreated>('POST', 'classes', { body, ...o });

/** What a joiner sees of a class; 404 for an unknown code. */
export const getClass = (code: string, o: Options = {}) =>
	apiRequest<ClassPublic>('GET', classPath(code), o);

/** Joins a class (retry with the same body and memberKey: the same membership). */
export const joinClass = (code: string, body: JoinClassBody, o: Options = {}) =>
	apiRequest<JoinResult>('POST', classPath(code, 'members'), { body, ...o });

/** The student's own class: assignments with their extensions, limits and results. */
export const getMyClass = (code: string, studentId: string, memberKey: string, o: Options = {}) =>
	apiRequest<ClassMe>('GET', classPath(code, `me?studentId=${encodeURIComponent(studentId)}`), {
		key: memberKey,
		...o
	});

/** Sends the student's FSRS state of an assignment's cards (batches of MAX_PROGRESS_CARDS). */
export const sendProgress = (
	assignmentCode: string,
	memberKey: string,
	body: ProgressBody,
	o: Options = {}
) =>
	apiRequest<ProgressResult>('POST', assignmentPath(assignmentCode, 'progress'), {
		body,
		key: memberKey,
		...o
	});

/** The class dashboard, its compact cells checked and decoded ({@link parseDashboard}). */
export const getDashboard = async (code: string, key: string, o: Options = {}) =>
	parseDashboard(await apiRequest<unknown>('GET', classPath(code, 'dashboard'), { key, ...o }));

export const renameClass = (code: string, key: string, body: EditClassBody, o: Options = {}) =>
	apiRequest<ClassPublic>('PATCH', classPath(code), { body, key, ...o });

/** Replaces the class key; the old one stops working at once. */
export const replaceClassKey = (code: string, key: string, o: Options = {}) =>
	apiRequest<ClassKeyChanged>('POST', classPath(code, 'key'), { key, ...o });

/** Adds students to the roster; answers the whole roster. */
export const addRoster = (code: string, key: string, body: AddRosterBody, o: Options = {}) =>
	apiRequest<{ roster: RosterEntry[] }>('POST', classPath(code, 'roster'), { body, key, ...o });

export const editRosterEntry = (
	code: string,
	key: string,
	rosterId: string,
	body: EditRosterEntryBody,
	o: Options = {}
) =>
	apiRequest<RosterEntry>('PATCH', classPath(code, `roster/${encodeURIComponent(rosterId)}`), {
		body,
		key,
		...o
	});

/** Matches a joiner to a roster entry or accepts them. */
export const decideMember = (
	code: string,
	key: string,
	studentId: string,
	body: MemberDecisionBody,
	o: Options = {}
) =>
	apiRequest<MemberView>('POST', classPath(code, `members/${encodeURIComponent(studentId)}`), {
		body,
		key,
		...o
	});

export const getStudentDetail = (code: string, key: string, studentId: string, o: Options = {}) =>
	apiRequest<StudentDetail>('GET', classPath(code, `students/${encodeURIComponent(studentId)}`), {
		key,
		...o
	});

export const getClassKnowledge = (code: string, key: string, o: Options = {}) =>
	apiRequest<ClassKnowledge>('GET', classPath(code, 'knowledge'), { key, ...o });

export const getAssignmentGrid = (
	code: string,
	key: string,
	assignmentCode: string,
	o: Options = {}
) =>
	apiRequest<AssignmentGrid>(
		'GET',
		classPath(code, `assignments/${encodeURIComponent(assignmentCode)}/grid`),
		{ key, ...o }
	);

/** Creates an assignment in the class (its own instructor key is issued too). */
export const createClassAssignment = (key: string, body: NewClassAssignmentBody, o: Options = {}) =>
	apiRequest<AssignmentCreated>('POST', 'assignments', { body, key, ...o });

/** Edits, closes or reopens an assignment; answers the assignment as students see it. */
export const editAssignment = (
	assignmentCode: string,
	key: string,
	body: EditAssignmentBody,
	o: Options = {}
) => apiRequest<AssignmentView>('PATCH', assignmentPath(assignmentCode), { body, key, ...o });

export const extendAssignment = (
	assignmentCode: string,
	key: string,
	body: ExtensionsBody,
	o: Options = {}
) =>
	apiRequest<ExtensionsResult>('POST', assignmentPath(assignmentCode, 'extensions'), {
		body,
		key,
		...o
	});

/** The gradebook CSV as text (sent with the key, so the page makes the download itself). */
export async function getGradebookCsv(
	code: string,
	key: string,
	{ fetch: send = fetch }: Options = {}
): Promise<string> {
	const response = await send(`/api/${classPath(code, 'gradebook.csv')}`, {
		headers: { authorization: `Bearer ${key}` }
	});
	if (response.ok) return response.text();
	const answer: unknown = await response.json().catch(() => null);
	const error = (answer as { error?: unknown } | null)?.error;
	throw new ApiResponseError(
		response.status,
		typeof error === 'string' ? error : `The server answered ${response.status}.`
	);
}
