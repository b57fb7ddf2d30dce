import * as v from 'valibot';
import { AssignmentViewSchema } from '$lib/api';
import { inTransaction, type MeridianDB } from './db';
import { describeStorageError } from './errors';
import { noteUnreadable } from './health.svelte';

// The `classes` store (version 4): the classes this device belongs to, keyed by [role, code].
// A student's membership (joined, or waiting to be joined while offline) and an instructor's
// classes with their class key. Every read checks rows against the schemas below and skips (and
// reports) a row no page could use; Settings' repair fixes or removes it.

const Time = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(Date.UTC(2200, 0, 1)));
/** A class code as the server issues it (upper case letters and digits), or as typed in a link. */
const Code = v.pipe(v.string(), v.regex(/^[A-Z0-9]{4,16}$/, 'must be a class code'));
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Key = v.pipe(v.string(), v.minLength(8), v.maxLength(200));

/**
 * Where a student's membership stands:
 * - `pending`: saved on this device and queued in the outbox, not yet answered by the server;
 * - `confirm`: the server found a near match on the class list and asks "are you X?";
 * - `joined`: the server knows the student (`memberKey` set);
 * - `refused`: the server refused the join (`problem` says why); nothing was stored there.
 */
export const MEMBERSHIP_STATES = ['pending', 'confirm', 'joined', 'refused'] as const;
export type MembershipState = (typeof MEMBERSHIP_STATES)[number];

/** One attempt or report of the student's own, as `/me` lists it (the fields the app uses). */
const MyResultSchema = v.object({
	id: v.string(),
	score: v.nullable(v.number()),
	passed: v.nullable(v.boolean()),
	late: v.boolean(),
	finishedAt: v.string(),
	overtime: v.nullable(v.boolean()),
	counts: v.boolean()
});

/** An assignment of the class as `/me` shows it to this student (see `StudentAssignment`). */
export const ClassAssignmentSchema = v.object({
	...AssignmentViewSchema.entries,
	assignmentDueAt: v.string(),
	extendedTo: v.nullable(v.string()),
	closed: v.boolean(),
	effectiveTimeLimitMinutes: v.nullable(v.number()),
	results: v.array(MyResultSchema),
	cardsStudied: v.nullable(v.number())
});
export type ClassAssignment = v.InferOutput<typeof ClassAssignmentSchema>;

/**
 * The last answer of `GET /api/classes/<code>/me`, kept for offline use: checked on every read
 * like any row (only the fields the app uses are kept; see `ClassMe` in the API contract).
 */
export const ClassOverviewSchema = v.object({
	class: v.object({ code: v.string(), name: v.string(), hasRoster: v.boolean() }),
	member: v.object({
		studentId: v.string(),
		name: v.string(),
		status: v.picklist(['matched', 'pending', 'accepted']),
		timeMultiplier: v.number()
	}),
	assignments: v.array(ClassAssignmentSchema)
});
export type ClassOverview = v.InferOutput<typeof ClassOverviewSchema>;

export const StudentClassSchema = v.object({
	role: v.literal('student'),
	code: Code,
	/** Empty until the server has answered (a join made offline knows only the code). */
	className: Text(200),
	studentId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,64}$/, 'must be a student id')),
	name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	studentNumber: Text(40),
	/**
	 * The member key: made by the device when joining (so an outbox retry is the same membership)
	 * and sent with every request of the student's; null only after a repair lost it (the server
	 * then makes one when the join is sent again).
	 */
	memberKey: v.nullable(Key),
	joinedAt: Time,
	sync: v.picklist(MEMBERSHIP_STATES),
	/** The server's reason for a refusal, or the last failure while pending. */
	problem: v.nullable(Text(2000)),
	/** The names on the class list the server asks the student to choose from (`confirm`). */
	candidates: v.pipe(v.array(v.object({ rosterId: Text(64), name: Text(200) })), v.maxLength(20)),
	/** The last answer of `GET /api/classes/<code>/me`, kept for offline use, and when it came. */
	overview: v.nullable(ClassOverviewSchema),
	overviewAt: v.nullable(Time),
	/**
	 * Review progress already queued for the server, per assignment code: each card's last review
	 * id when it was queued, so only cards studied since are sent again.
	 */
	progress: v.record(v.string(), v.record(v.string(), v.string()))
});

export const InstructorClassSchema = v.object({
	role: v.literal('instructor'),
	code: Code,
	name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	/** The private class key: only the device that holds it can change the class. */
	classKey: Key,
	createdAt: Time
});

export const ClassRowSchema = v.variant('role', [StudentClassSchema, InstructorClassSchema]);

export type StudentClass = v.InferOutput<typeof StudentClassSchema>;
export type InstructorClass = v.InferOutput<typeof InstructorClassSchema>;
export type ClassRow = StudentClass | InstructorClass;
export type ClassRole = ClassRow['role'];
type RowOf<R extends ClassRole> = Extract<ClassRow, { role: R }>;

const byRole = (role: ClassRole) => IDBKeyRange.bound([role, ''], [role, '\uffff']);

/** Stores a row after checking it: a row that would not read back is refused, nothing written. */
async function put(db: MeridianDB, row: ClassRow): Promise<void> {
	const checked = v.parse(ClassRowSchema, row);
	try {
		await db.put('classes', checked);
	} catch (error) {
		throw describeStorageError(error);
	}
}

async function readRole<R extends ClassRole>(db: MeridianDB, role: R): Promise<RowOf<R>[]> {
	let rows: unknown[];
	try {
		rows = await db.getAll('classes', byRole(role));
	} catch (error) {
		throw describeStorageError(error);
	}
	const readable = rows.filter((row): row is RowOf<R> => v.is(ClassRowSchema, row));
	if (readable.length < rows.length) noteUnreadable('classes', rows.length - readable.length);
	return readable;
}

async function readOne<R extends ClassRole>(
	db: MeridianDB,
	role: R,
	code: string
): Promise<RowOf<R> | undefined> {
	let row: unknown;
	try {
		row = await db.get('classes', [role, code]);
	} catch (error) {
		throw describeStorageError(error);
	}
	if (row === undefined) return undefined;
	if (!v.is(ClassRowSchema, row) || row.role !== role) {
		noteUnreadable('classes', 1);
		return undefined;
	}
	return row as RowOf<R>;
}

// --- The instructor's classes on this device -----------------------------------------------

/** Every class this device can change (it holds the class key), newest first. */
export async function listInstructorClasses(db: MeridianDB): Promise<InstructorClass[]> {
	const rows = await readRole(db, 'instructor');
	return rows.sort((a, b) => b.createdAt - a.createdAt || a.code.localeCompare(b.code));
}

export function getInstructorClass(
	db: MeridianDB,
	code: string
): Promise<InstructorClass | undefined> {
	return readOne(db, 'instructor', code);
}

/**
 * Keeps a class on this device: one just created, or opened from another device's link. A class
 * already here is updated (its key and name), keeping when it was first stored.
 */
export async function saveInstructorClass(
	db: MeridianDB,
	row: Omit<InstructorClass, 'role'>
): Promise<void> {
	const checked = v.parse(InstructorClassSchema, { ...row, role: 'instructor' });
	await inTransaction(db, ['classes'], 'readwrite', async (tx) => {
		const stored: unknown = await tx.store.get(['instructor', checked.code]);
		const createdAt = v.is(InstructorClassSchema, stored)
			? Math.min(stored.createdAt, checked.createdAt)
			: checked.createdAt;
		await tx.store.put({ ...checked, createdAt });
	});
}

/**
 * Stores the class's new key after the server replaced it (the old one no longer works). False
 * when the class is not on this device.
 */
export async function replaceClassKey(
	db: MeridianDB,
	code: string,
	classKey: string
): Promise<boolean> {
	v.parse(Key, classKey);
	return inTransaction(db, ['classes'], 'readwrite', async (tx) => {
		const stored: unknown = await tx.store.get(['instructor', code]);
		if (!v.is(InstructorClassSchema, stored)) return false;
		await tx.store.put({ ...stored, classKey });
		return true;
	});
}

/** Forgets a class on this device (the class itself stays on the server). */
export async function removeInstructorClass(db: MeridianDB, code: string): Promise<void> {
	try {
		await db.delete('classes', ['instructor', code]);
	} catch (error) {
		throw describeStorageError(error);
	}
}

// --- A student's memberships ---------------------------------------------------------------

/** The classes the student joined (or is joining) on this device, in the order joined. */
export async function listMemberships(db: MeridianDB): Promise<StudentClass[]> {
	const rows = await readRole(db, 'student');
	return rows.sort((a, b) => a.joinedAt - b.joinedAt || a.code.localeCompare(b.code));
}

export function getMembership(db: MeridianDB, code: string): Promise<StudentClass | undefined> {
	return readOne(db, 'student', code);
}

/** Stores a membership as it is now (after the server answered, or a new overview). */
export function saveMembership(db: MeridianDB, row: StudentClass): Promise<void> {
	return put(db, row);
}

/**
 * Changes a stored membership in one transaction: `change` gets the row as stored now and returns
 * the new one (or null to leave it). Returns the row stored, or undefined when there is none.
 */
export function updateMembership(
	db: MeridianDB,
	code: string,
	change: (row: StudentClass) => StudentClass | null
): Promise<StudentClass | undefined> {
	return inTransaction(db, ['classes'], 'readwrite', async (tx) => {
		const stored: unknown = await tx.store.get(['student', code]);
		if (!v.is(StudentClassSchema, stored)) return undefined;
		const next = change(stored);
		if (!next) return stored;
		const checked = v.parse(StudentClassSchema, next);
		await tx.store.put(checked);
		return checked;
	});
}

/** A membership as first saved: pending until the server answers. */
export function newMembership(
	fields: Pick<StudentClass, 'code' | 'studentId' | 'name' | 'studentNumber' | 'joinedAt'> &
		Partial<Pick<StudentClass, 'className' | 'memberKey'>>
): StudentClass {
	return {
		role: 'student',
		className: '',
		memberKey: null,
		...fields,
		sync: 'pending',
		problem: null,
		candidates: [],
		overview: null,
		overviewAt: null,
		progress: {}
	};
}

/** Leaves a class on this device: its assignments leave home (the server keeps the results). */
export async function removeMembership(db: MeridianDB, code: string): Promise<void> {
	try {
		await db.delete('classes', ['student', code]);
	} catch (error) {
		throw describeStorageError(error);
	}
}

/**
 * A class row that fails its schema brought back into shape, or null when it cannot be: an
 * instructor's row needs its code and class key (without the key the class cannot be changed), a
 * membership its code, student id and name. Other fields get their defaults; a membership that
 * lost its member key is pending again, so it is sent once more (joining twice is harmless).
 */
export function repairedClass(row: unknown): ClassRow | null {
	if (typeof row !== 'object' || row === null) return null;
	const r = row as Record<string, unknown>;
	const or = <T>(schema: v.GenericSchema<T>, value: unknown, fallback: T): T =>
		v.is(schema, value) ? value : fallback;
	if (r.role === 'instructor') {
		if (!v.is(Code, r.code) || !v.is(Key, r.classKey)) return null;
		return {
			role: 'instructor',
			code: r.code,
			classKey: r.classKey,
			name: or(InstructorClassSchema.entries.name, r.name, r.code),
			createdAt: or(Time, r.createdAt, 0)
		};
	}
	if (r.role !== 'student') return null;
	const { entries } = StudentClassSchema;
	if (!v.is(Code, r.code) || !v.is(entries.studentId, r.studentId) || !v.is(entries.name, r.name)) {
		return null;
	}
	const memberKey = or(entries.memberKey, r.memberKey, null);
	const sync = or(entries.sync, r.sync, 'pending');
	const repaired: StudentClass = {
		...newMembership({
			code: r.code,
			studentId: r.studentId,
			name: r.name,
			studentNumber: or(entries.studentNumber, r.studentNumber, ''),
			joinedAt: or(Time, r.joinedAt, 0),
			className: or(entries.className, r.className, '')
		}),
		memberKey,
		sync: memberKey === null && sync === 'joined' ? 'pending' : sync,
		problem: or(entries.problem, r.problem, null),
		candidates: or(entries.candidates, r.candidates, []),
		overview: or(entries.overview, r.overview, null),
		overviewAt: or(entries.overviewAt, r.overviewAt, null),
		progress: or(entries.progress, r.progress, {})
	};
	return v.is(StudentClassSchema, repaired) ? repaired : null;
}
