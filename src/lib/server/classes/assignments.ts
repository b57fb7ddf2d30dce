import {
	EditAssignmentSchema,
	ExtensionsSchema,
	ProgressSchema,
	type AssignmentView,
	type ExtensionsResult,
	type ProgressResult
} from '$lib/api';
import type { Deck } from '$lib/decks/types';
import { sql, type Kysely } from 'kysely';
import { findAssignment, nextSeq, view, type AssignmentSqlRow } from '../assignments/assignments';
import { writeTransaction, type DB, type Schema } from '../db';
import { ApiError, parseBody, WRONG_KEY } from '../http';
import { isMemberKey, keyOpens, memberFor, MEMBER_KEY_REFUSED } from './auth';

// ---- Class assignments: edit, close and reopen, extensions, review progress -------------------

/**
 * The assignment, if `key` is its own instructor key or the class key of its class: 404 for an
 * unknown code, 403 for a member key of its class, 401 otherwise.
 */
export async function assignmentForInstructor(
	db: Kysely<Schema>,
	code: string,
	key: string | null
): Promise<AssignmentSqlRow> {
	const row = await findAssignment(db, code);
	if (keyOpens(row.key_hash, key)) return row;
	if (row.class_code !== null) {
		const klass = await db
			.selectFrom('classes')
			.select('key_hash')
			.where('code', '=', row.class_code)
			.executeTakeFirst();
		if (keyOpens(klass?.key_hash, key)) return row;
		if (await isMemberKey(db, row.class_code, key)) throw new ApiError(403, MEMBER_KEY_REFUSED);
	}
	throw new ApiError(401, WRONG_KEY);
}

/**
 * Judges every submission of the assignment late or not again after a due date or extension
 * changed (finish time against the student's extension, else `dueAt`), giving the changed ones
 * the change number `seq` so polling results see them.
 */
async function rejudgeLateness(tx: Kysely<Schema>, code: string, dueAt: number, seq: number) {
	const late = sql`CASE WHEN finished_at > COALESCE((SELECT e.due_at FROM extensions e WHERE e.assignment_code = submissions.assignment_code AND e.student_id = submissions.student_id), CAST(${dueAt} AS BIGINT)) THEN 1 ELSE 0 END`;
	await sql`UPDATE submissions SET late = ${late}, change_seq = ${seq}
		WHERE assignment_code = ${code} AND late <> ${late}`.execute(tx);
}

const closedEdit = (row: AssignmentSqlRow, fields: string[]) =>
	new ApiError(
		409,
		`closed: "${row.title}" (${row.code}) is closed; reopen it ({ "closed": false }) before changing ${fields.join(', ')}`
	);

/**
 * Edits title, instructions, due date or time limit, closes or reopens. A closed assignment takes
 * only reopening (409 naming the fields otherwise); closing a closed one changes nothing.
 */
export async function editAssignment(
	db: DB,
	decks: Deck[],
	code: string,
	key: string | null,
	input: unknown,
	now: number
): Promise<AssignmentView> {
	const row = await assignmentForInstructor(db, code, key);
	const data = parseBody(EditAssignmentSchema, input);
	const changes = (['title', 'instructions', 'dueAt', 'timeLimitMinutes'] as const).filter(
		(f) => data[f] !== undefined
	);
	if (data.timeLimitMinutes !== undefined && data.timeLimitMinutes !== null && row.mode !== 'quiz')
		throw new ApiError(400, 'timeLimitMinutes: a review assignment has no time limit');
	return writeTransaction(db, async (tx) => {
		const seq = await nextSeq(tx, code);
		const current = await findAssignment(tx, code);
		if (current.closed_at !== null && changes.length > 0) throw closedEdit(current, changes);
		const next: Partial<AssignmentSqlRow> = {};
		if (data.title !== undefined) next.title = data.title;
		if (data.instructions !== undefined) next.instructions = data.instructions;
		if (data.dueAt !== undefined) next.due_at = new Date(Date.parse(data.dueAt)).toISOString();
		if (data.timeLimitMinutes !== undefined) next.time_limit_minutes = data.timeLimitMinutes;
		if (data.closed === true && current.closed_at === null) next.closed_at = now;
		if (data.closed === false) next.closed_at = null;
		if (Object.keys(next).length > 0)
			await tx.updateTable('assignments').set(next).where('code', '=', code).execute();
		if (next.due_at !== undefined) await rejudgeLateness(tx, code, Date.parse(next.due_at), seq);
		return view({ ...current, ...next }, decks);
	});
}

/**
 * Gives the students named a due date of their own (or takes it back with `dueAt: null`). Every
 * one must be a member of the assignment's class: otherwise 400 naming them, nothing stored.
 */
export async function setExtensions(
	db: DB,
	code: string,
	key: string | null,
	input: unknown
): Promise<ExtensionsResult> {
	const row = await assignmentForInstructor(db, code, key);
	const data = parseBody(ExtensionsSchema, input);
	if (row.class_code === null)
		throw new ApiError(400, 'code: extensions are for assignments of a class');
	const classCode = row.class_code;
	const seen = new Set<string>();
	data.studentIds.forEach((id, i) => {
		if (seen.has(id)) throw new ApiError(400, `studentIds.${i}: "${id}" is listed twice`);
		seen.add(id);
	});
	return writeTransaction(db, async (tx) => {
		const seq = await nextSeq(tx, code);
		const current = await findAssignment(tx, code);
		if (current.closed_at !== null) throw closedEdit(current, ['extensions']);
		const members = new Set<string>();
		for (let i = 0; i < data.studentIds.length; i += 500) {
			const found = await tx
				.selectFrom('members')
				.select('student_id')
				.where('class_code', '=', classCode)
				.where('student_id', 'in', data.studentIds.slice(i, i + 500))
				.execute();
			for (const m of found) members.add(m.student_id);
		}
		const strangers = data.studentIds.filter((id) => !members.has(id));
		if (strangers.length > 0) {
			const named = strangers
				.slice(0, 5)
				.map((id) => `"${id}"`)
				.join(', ');
			const more = strangers.length > 5 ? ` and ${strangers.length - 5} more` : '';
			throw new ApiError(
				400,
				`studentIds: not members of class ${classCode}: ${named}${more}; nothing was stored`
			);
		}
		let removed = 0;
		const extensions: ExtensionsResult['extensions'] = [];
		for (let i = 0; i < data.studentIds.length; i += 500) {
			const ids = data.studentIds.slice(i, i + 500);
			if (data.dueAt === null) {
				const result = await tx
					.deleteFrom('extensions')
					.where('assignment_code', '=', code)
					.where('student_id', 'in', ids)
					.executeTakeFirst();
				removed += Number(result.numDeletedRows);
			} else {
				const dueAt = Date.parse(data.dueAt);
				await tx
					.insertInto('extensions')
					.values(ids.map((student_id) => ({ assignment_code: code, student_id, due_at: dueAt })))
					.onConflict((oc) =>
						oc.columns(['assignment_code', 'student_id']).doUpdateSet({ due_at: dueAt })
					)
					.execute();
				const at = new Date(dueAt).toISOString();
				extensions.push(...ids.map((studentId) => ({ studentId, dueAt: at })));
			}
		}
		await rejudgeLateness(tx, code, Date.parse(current.due_at), seq);
		return { extensions, removed };
	});
}

/**
 * Stores a student's FSRS state of cards of a class assignment: per card, the state with the
 * later review wins, so replays and older batches change nothing. A card not of the assignment
 * is refused (400 naming them), and nothing of the batch is stored.
 */
export async function recordProgress(
	db: DB,
	code: string,
	key: string | null,
	input: unknown,
	now: number
): Promise<ProgressResult> {
	const row = await findAssignment(db, code);
	if (row.class_code === null)
		throw new ApiError(400, 'code: review progress is for assignments of a class');
	const data = parseBody(ProgressSchema, input);
	await memberFor(db, row.class_code, data.studentId, key);
	const cards = new Set(JSON.parse(row.question_ids) as string[]);
	const seen = new Set<string>();
	const unknown: string[] = [];
	data.cards.forEach((c, i) => {
		if (seen.has(c.cardId))
			throw new ApiError(400, `cards.${i}.cardId: "${c.cardId}" is listed twice`);
		seen.add(c.cardId);
		if (!cards.has(c.cardId)) unknown.push(`cards.${i}.cardId "${c.cardId.slice(0, 80)}"`);
	});
	if (unknown.length > 0) {
		const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
		throw new ApiError(
			400,
			`not cards of this assignment: ${unknown.slice(0, 5).join(', ')}${more}; nothing was stored`
		);
	}
	const rows = data.cards.map((c) => ({
		assignment_code: code,
		student_id: data.studentId,
		card_id: c.cardId,
		stability: c.stability,
		difficulty: c.difficulty,
		last_review: c.lastReview,
		reps: c.reps,
		lapses: c.lapses,
		state: c.state,
		updated_at: now
	}));
	return writeTransaction(db, async (tx) => {
		let stored = 0;
		for (let i = 0; i < rows.length; i += 100) {
			const result = await tx
				.insertInto('review_progress')
				.values(rows.slice(i, i + 100))
				.onConflict((oc) =>
					oc
						.columns(['assignment_code', 'student_id', 'card_id'])
						.doUpdateSet((eb) => ({
							stability: eb.ref('excluded.stability'),
							difficulty: eb.ref('excluded.difficulty'),
							last_review: eb.ref('excluded.last_review'),
							reps: eb.ref('excluded.reps'),
							lapses: eb.ref('excluded.lapses'),
							state: eb.ref('excluded.state'),
							updated_at: eb.ref('excluded.updated_at')
						}))
						.where((eb) =>
							eb.and([
								eb('excluded.last_review', 'is not', null),
								eb.or([
									eb('review_progress.last_review', 'is', null),
									eb('excluded.last_review', '>', eb.ref('review_progress.last_review'))
								])
							])
						)
				)
				.executeTakeFirst();
			stored += Number(result.numInsertedOrUpdatedRows ?? 0);
		}
		return { stored, unchanged: rows.length - stored };
	});
}
