import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import type { Card, Deck } from '$lib/decks/types';
import { gradeResponse, QuizResponseKindError, scoreQuiz, type QuizResponse } from '$lib/quiz';
import { isQuizzable, selectQuestions } from '$lib/quiz/select';
import type { DB } from './db';
import { ApiError } from './http';

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

const Title = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120));
const DeckId = v.pipe(v.string(), v.maxLength(100));
const PassMark = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const Instructions = v.optional(v.pipe(v.string(), v.maxLength(2000)), '');

const NewAssignment = v.variant('mode', [
	v.object({
		title: Title,
		deckId: DeckId,
		mode: v.literal('quiz'),
		questionCount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
		passMark: PassMark,
		dueAt: IsoDate,
		instructions: Instructions
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

const NewSubmission = v.pipe(
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

/** Parses `input` or throws a 400 {@link ApiError} naming the first problem and where it is. */
function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
	const result = v.safeParse(schema, input, { abortPipeEarly: true });
	if (result.success) return result.output;
	const issue = result.issues[0];
	throw new ApiError(400, `${v.getDotPath(issue) ?? 'body'}: ${issue.message}`);
}

// ---- Assignments ---------------------------------------------------------------------------

export type AssignmentMode = 'quiz' | 'review';

/** What a student needs to take an assignment; nothing about other students. */
export interface AssignmentView {
	code: string;
	title: string;
	deckId: string;
	deckTitle: string;
	mode: AssignmentMode;
	questionIds: string[];
	passMark: number;
	dueAt: string;
	instructions: string;
	createdAt: string;
}

interface AssignmentRow {
	code: string;
	title: string;
	deck_id: string;
	mode: AssignmentMode;
	question_ids: string;
	pass_mark: number;
	due_at: string;
	instructions: string;
	key_hash: string;
	created_at: string;
}

/** Unambiguous when read aloud or copied from a projector: no 0/O, 1/I/L. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 7;
export const CODE_PATTERN = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{7}$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

function newCode(): string {
	let code = '';
	for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

const cardMaps = new WeakMap<Deck, Map<string, Card>>();
function cardsOf(deck: Deck | undefined): Map<string, Card> {
	if (!deck) return new Map();
	let cards = cardMaps.get(deck);
	if (!cards) cardMaps.set(deck, (cards = new Map(deck.cards.map((c) => [c.id, c]))));
	return cards;
}

/**
 * Creates an assignment. A quiz's questions are drawn once, with a random seed, so every student
 * gets the same ones. Returns the code and the instructor key; only the key's SHA-256 is stored.
 */
export function createAssignment(
	db: DB,
	decks: Deck[],
	input: unknown,
	now: number
): { code: string; instructorKey: string } {
	const data = parse(NewAssignment, input);
	const deck = decks.find((d) => d.id === data.deckId);
	if (!deck) throw new ApiError(400, `deckId: no deck "${data.deckId}"`);
	let questionIds: string[];
	let seed: number | null = null;
	if (data.mode === 'quiz') {
		const quizzable = deck.cards.filter(isQuizzable);
		if (quizzable.length === 0)
			throw new ApiError(400, `deckId: "${deck.id}" has no quiz questions`);
		seed = randomInt(2 ** 32);
		questionIds = selectQuestions(quizzable, data.questionCount, seed).map((c) => c.id);
	} else {
		questionIds = deck.cards.map((c) => c.id);
	}
	const instructorKey = randomBytes(32).toString('base64url');
	const insert = db.prepare(
		`INSERT INTO assignments (code, title, deck_id, mode, question_ids, seed, pass_mark, due_at,
			instructions, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const exists = db.prepare('SELECT 1 FROM assignments WHERE code = ?');
	const code = db.transaction(() => {
		for (let tries = 0; tries < 20; tries++) {
			const code = newCode();
			if (exists.get(code)) continue;
			insert.run(
				code,
				data.title,
				deck.id,
				data.mode,
				JSON.stringify(questionIds),
				seed,
				data.passMark,
				new Date(Date.parse(data.dueAt)).toISOString(),
				data.instructions,
				sha256(instructorKey).toString('hex'),
				new Date(now).toISOString()
			);
			return code;
		}
		throw new Error('could not find a free assignment code');
	})();
	return { code, instructorKey };
}

function findAssignment(db: DB, code: string): AssignmentRow {
	const row = CODE_PATTERN.test(code)
		? (db.prepare('SELECT * FROM assignments WHERE code = ?').get(code) as
				AssignmentRow | undefined)
		: undefined;
	if (!row) throw new ApiError(404, `no assignment with code "${code.slice(0, 20)}"`);
	return row;
}

function view(row: AssignmentRow, decks: Deck[]): AssignmentView {
	return {
		code: row.code,
		title: row.title,
		deckId: row.deck_id,
		deckTitle: decks.find((d) => d.id === row.deck_id)?.title ?? row.deck_id,
		mode: row.mode,
		questionIds: JSON.parse(row.question_ids) as string[],
		passMark: row.pass_mark,
		dueAt: row.due_at,
		instructions: row.instructions,
		createdAt: row.created_at
	};
}

/** The assignment a student joins, or a 404 {@link ApiError}. */
export function getAssignment(db: DB, decks: Deck[], code: string): AssignmentView {
	return view(findAssignment(db, code), decks);
}

// ---- Submissions ---------------------------------------------------------------------------

/** What the server answers a submission with, the first time and on every retry. */
export interface SubmissionResult {
	id: string;
	/** Percent 0-100, one decimal; null for review. */
	score: number | null;
	passed: boolean | null;
	late: boolean;
	/** Quiz: questions fully right. Review: cards studied. */
	correct: number;
	/** Quiz: questions asked. Review: cards in the deck. */
	total: number;
}

/** One graded answer as stored. */
interface StoredAnswer {
	cardId: string;
	response: QuizResponse;
	correct: boolean;
	score: number;
	given: string;
}

interface SubmissionRow {
	id: string;
	student_id: string;
	name: string;
	student_number: string | null;
	answers: string;
	score: number | null;
	passed: number | null;
	late: number;
	correct: number;
	total: number;
	started_at: number;
	finished_at: number;
	received_at: number;
	attempt: number;
}

const flag = (value: number | null) => (value === null ? null : value === 1);

function resultOf(row: SubmissionRow): SubmissionResult {
	const { id, score, correct, total } = row;
	return { id, score, passed: flag(row.passed), late: row.late === 1, correct, total };
}

const findSubmission = (db: DB, code: string, id: unknown) =>
	db.prepare('SELECT * FROM submissions WHERE assignment_code = ? AND id = ?').get(code, id) as
		SubmissionRow | undefined;

function noDuplicates(ids: string[], field: string): void {
	const seen = new Set<string>();
	ids.forEach((id, i) => {
		if (seen.has(id)) throw new ApiError(400, `${field}.${i}: "${id}" is listed twice`);
		seen.add(id);
	});
}

/**
 * Grades and stores a submission, grading the raw answers with the app's own code (any score the
 * client sends is ignored). A submission whose `id` is already stored is not stored again: its
 * stored result comes back with `created: false`, whatever the body says this time.
 */
export function submitAssignment(
	db: DB,
	decks: Deck[],
	code: string,
	input: unknown,
	now: number
): { created: boolean; result: SubmissionResult } {
	const assignment = findAssignment(db, code);
	// A retry from an outbox must get its result back even if the app has changed since.
	const retryId = (input as { id?: unknown } | null)?.id;
	if (typeof retryId === 'string') {
		const stored = findSubmission(db, code, retryId);
		if (stored) return { created: false, result: resultOf(stored) };
	}
	const data = parse(NewSubmission, input);
	const { questionIds } = view(assignment, decks);
	const cards = cardsOf(decks.find((d) => d.id === assignment.deck_id));
	const late = now > Date.parse(assignment.due_at);
	let answers: StoredAnswer[] = [];
	let reviewed: string[] = [];
	let outcome: Pick<SubmissionResult, 'score' | 'passed' | 'correct' | 'total'>;
	if (assignment.mode === 'quiz') {
		const asked = new Set(questionIds);
		if (data.answers.length > questionIds.length) {
			throw new ApiError(
				400,
				`answers: at most ${questionIds.length} answers, got ${data.answers.length}`
			);
		}
		noDuplicates(
			data.answers.map((a) => a.cardId),
			'answers'
		);
		answers = data.answers.map(({ cardId, response }, i) => {
			const card = cards.get(cardId);
			if (!asked.has(cardId) || !card) {
				throw new ApiError(400, `answers.${i}.cardId: "${cardId}" is not a question of this quiz`);
			}
			try {
				const { correct, score, given } = gradeResponse(card, response);
				return { cardId, response, correct, score, given };
			} catch (e) {
				if (e instanceof QuizResponseKindError)
					throw new ApiError(400, `answers.${i}.response: ${e.message}`);
				throw e;
			}
		});
		const byCard = new Map(answers.map((a) => [a.cardId, a]));
		// Unanswered questions count as wrong, so skipping cannot raise a score.
		const quiz = scoreQuiz(
			questionIds.map((cardId) => byCard.get(cardId) ?? { cardId, score: 0, correct: false }),
			assignment.pass_mark
		);
		const correct = answers.filter((a) => a.correct).length;
		outcome = { score: quiz.percent, passed: quiz.passed, correct, total: quiz.total };
	} else {
		reviewed = data.reviewed;
		noDuplicates(reviewed, 'reviewed');
		reviewed.forEach((cardId, i) => {
			if (!cards.has(cardId))
				throw new ApiError(400, `reviewed.${i}: "${cardId}" is not in this deck`);
		});
		outcome = { score: null, passed: null, correct: reviewed.length, total: questionIds.length };
	}
	const store = db.transaction((): { created: boolean; result: SubmissionResult } => {
		const stored = findSubmission(db, code, data.id);
		if (stored) return { created: false, result: resultOf(stored) };
		const { previous } = db
			.prepare(
				'SELECT COUNT(*) AS previous FROM submissions WHERE assignment_code = ? AND student_id = ?'
			)
			.get(code, data.studentId) as { previous: number };
		db.prepare(
			`INSERT INTO submissions (assignment_code, id, student_id, name, student_number, answers,
				reviewed, score, passed, late, correct, total, started_at, finished_at, received_at, attempt)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		).run(
			code,
			data.id,
			data.studentId,
			data.name,
			data.studentNumber ?? null,
			JSON.stringify(answers),
			JSON.stringify(reviewed),
			outcome.score,
			outcome.passed === null ? null : Number(outcome.passed),
			Number(late),
			outcome.correct,
			outcome.total,
			data.startedAt,
			data.finishedAt,
			now,
			previous + 1
		);
		return { created: true, result: { id: data.id, ...outcome, late } };
	});
	return store();
}

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

// ---- CSV ---------------------------------------------------------------------------------

const CSV_HEADER = [
	'name',
	'student number',
	'score',
	'passed',
	'late',
	'started at',
	'finished at',
	'duration seconds',
	'attempt'
];

/**
 * One RFC 4180 cell. A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR first) gets
 * a leading single quote, so a student's name cannot run code on the instructor's machine.
 */
export function csvCell(value: string | number | boolean | null): string {
	let text =
		value === null ? '' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The submissions as CSV with a UTF-8 BOM (so Excel reads the names right) and CRLF lines. */
export function resultsCsv(submissions: SubmissionSummary[]): string {
	const rows = submissions.map((s) => [
		s.name,
		s.studentNumber,
		s.score,
		s.passed,
		s.late,
		s.startedAt,
		s.finishedAt,
		Math.round(s.durationMs / 1000),
		s.attempt
	]);
	return (
		'\uFEFF' + [CSV_HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
	);
}
