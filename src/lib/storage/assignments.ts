import * as v from 'valibot';
import { AssignmentViewSchema } from '$lib/api';
import { examDateForDeadline } from '$lib/srs/exam';
import { parseSettings, StudySettingsSchema, withExamDate } from '$lib/srs/settings';
import { inTransaction, type MeridianDB } from './db';
import { describeStorageError } from './errors';
import { SETTINGS_KEY } from './settings';

const { entries } = AssignmentViewSchema;
/**
 * An assignment as a student's device keeps it: what GET /api/assignments/<code> answered. Rows
 * joined before the attempts policy existed have no `maxAttempts`, `counts` or `createdAt`.
 */
export const AssignmentSchema = v.object({
	...entries,
	instructions: v.nullish(entries.instructions),
	createdAt: v.optional(entries.createdAt),
	maxAttempts: v.optional(entries.maxAttempts),
	counts: v.optional(entries.counts)
});

/** The attempts policy in words, for the student ("One attempt", "Your best attempt counts"...). */
export function attemptsPolicy(
	assignment: Partial<Pick<Assignment, 'maxAttempts' | 'counts'>>
): string {
	if (assignment.maxAttempts === 1) return 'One attempt: the first one you finish is sent.';
	switch (assignment.counts) {
		case 'first':
			return 'Unlimited attempts; your first counts, later ones are practice.';
		case 'latest':
			return 'Unlimited attempts; your latest counts.';
		default:
			return 'Unlimited attempts; your best score counts.';
	}
}

export type Assignment = v.InferOutput<typeof AssignmentSchema>;

/** An assignment joined (student) or created (instructor) on this device: an `assignments` row. */
export type DeviceAssignment =
	| {
			id: string;
			role: 'student';
			assignment: Assignment;
			name: string;
			studentNumber: string;
			joinedAt: number;
	  }
	| {
			id: string;
			role: 'instructor';
			assignment: Pick<Assignment, 'code' | 'title' | 'deckId' | 'mode' | 'dueAt'>;
			dashboardUrl: string;
			joinUrl: string;
			createdAt: number;
	  };

const rowId = (role: DeviceAssignment['role'], code: string) => `${role}:${code}`;

export async function saveAssignment(db: MeridianDB, row: DeviceAssignment): Promise<void> {
	try {
		await db.put('assignments', { ...row, id: rowId(row.role, row.assignment.code) });
	} catch (error) {
		throw describeStorageError(error);
	}
}

/**
 * Joins an assignment as a student, in one transaction: stores it and, when the student has no
 * exam date for its deck and the deadline has not passed, makes the deadline's day the deck's
 * exam date. A date the student chose is never replaced.
 */
export function joinAssignment(
	db: MeridianDB,
	row: Extract<DeviceAssignment, { role: 'student' }>,
	now: number
): Promise<void> {
	return inTransaction(db, ['assignments', 'settings'], 'readwrite', async (tx) => {
		const settingsStore = tx.objectStore('settings');
		const settings = parseSettings((await settingsStore.get(SETTINGS_KEY))?.value);
		const { deckId, dueAt } = row.assignment;
		const date = examDateForDeadline(dueAt, now, settings.dayStartHour);
		await tx.objectStore('assignments').put({ ...row, id: rowId('student', row.assignment.code) });
		const next = date && !settings.examDates[deckId] && withExamDate(settings, deckId, date);
		// Never write settings that would not read back (too many dates, say): they would be lost.
		if (next && v.is(StudySettingsSchema, next)) {
			await settingsStore.put({ key: SETTINGS_KEY, value: next });
		}
	});
}

/** The assignments of one role on this device, newest first. */
export async function listAssignments<R extends DeviceAssignment['role']>(
	db: MeridianDB,
	role: R
): Promise<Extract<DeviceAssignment, { role: R }>[]> {
	const rows = await db.getAll('assignments');
	return rows
		.filter((r): r is Extract<DeviceAssignment, { role: R }> => r.role === role)
		.sort((a, b) => b.assignment.dueAt.localeCompare(a.assignment.dueAt));
}

export async function getJoined(
	db: MeridianDB,
	code: string
): Promise<Extract<DeviceAssignment, { role: 'student' }> | undefined> {
	const row = await db.get('assignments', rowId('student', code));
	return row?.role === 'student' ? row : undefined;
}

/** This device's anonymous student id, made once. */
export async function studentId(db: MeridianDB, newId: () => string): Promise<string> {
	const row = await db.get('settings', 'studentId');
	if (typeof row?.value === 'string') return row.value;
	const id = newId();
	await db.put('settings', { key: 'studentId', value: id });
	return id;
}
