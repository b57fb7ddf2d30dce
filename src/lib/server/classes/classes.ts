import {
	AddRosterSchema,
	EditClassSchema,
	EditRosterEntrySchema,
	JoinClassSchema,
	MemberDecisionSchema,
	NewClassSchema,
	type ClassPublic,
	type JoinResult,
	type MemberView,
	type RosterEntry
} from '$lib/api';
import type { Kysely } from 'kysely';
import { writeTransaction, type DB, type Schema } from '../db';
import { ApiError, parseBody } from '../http';
import {
	findClass,
	hashKey,
	keyOpens,
	lockClass,
	newCode,
	newKey,
	newRosterId,
	type ClassRow,
	type MemberRow
} from './auth';
import { mayConfirm, matchJoiner, numberKey, type RosterCandidate } from './match';
import { parseRoster, RosterError, type ParsedEntry } from './roster';

// ---- Classes, rosters and members ------------------------------------------------------------

export type RosterRow = Schema['roster'];

const iso = (ms: number) => new Date(ms).toISOString();

export function publicView(row: ClassRow, hasRoster: boolean): ClassPublic {
	return { code: row.code, name: row.name, hasRoster, createdAt: iso(row.created_at) };
}

export function rosterView(row: RosterRow, studentId: string | null): RosterEntry {
	return {
		id: row.id,
		name: row.name,
		studentNumber: row.student_number,
		timeMultiplier: row.time_multiplier,
		createdAt: iso(row.created_at),
		studentId
	};
}

export function memberView(row: MemberRow, multiplier = 1): MemberView {
	return {
		studentId: row.student_id,
		name: row.name,
		studentNumber: row.student_number,
		rosterId: row.roster_id,
		status: row.status,
		joinedAt: iso(row.joined_at),
		timeMultiplier: multiplier
	};
}

export const rosterOf = (db: Kysely<Schema>, code: string) =>
	db.selectFrom('roster').selectAll().where('class_code', '=', code).orderBy('position').execute();

export const membersOf = (db: Kysely<Schema>, code: string) =>
	db
		.selectFrom('members')
		.selectAll()
		.where('class_code', '=', code)
		.orderBy('joined_at')
		.orderBy('student_id')
		.execute();

/** The whole roster as the API answers it, each entry with the member matched to it. */
export async function rosterViews(db: Kysely<Schema>, code: string): Promise<RosterEntry[]> {
	const [roster, members] = await Promise.all([rosterOf(db, code), membersOf(db, code)]);
	const byRoster = new Map(members.filter((m) => m.roster_id).map((m) => [m.roster_id!, m]));
	return roster.map((r) => rosterView(r, byRoster.get(r.id)?.student_id ?? null));
}

/** Reads a roster body, turning its problems into a 400 naming the line. */
function readRoster(input: string | readonly unknown[], existing: readonly RosterRow[]) {
	try {
		return parseRoster(
			input,
			existing.map((r) => ({ name: r.name, studentNumber: r.student_number }))
		);
	} catch (e) {
		if (e instanceof RosterError) throw new ApiError(400, e.message);
		throw e;
	}
}

async function insertRoster(
	tx: Kysely<Schema>,
	code: string,
	entries: readonly ParsedEntry[],
	from: number,
	now: number
) {
	// In chunks: one statement per 200 entries keeps under every engine's parameter limit.
	for (let i = 0; i < entries.length; i += 200) {
		await tx
			.insertInto('roster')
			.values(
				entries.slice(i, i + 200).map((e, j) => ({
					class_code: code,
					id: newRosterId(),
					name: e.name,
					student_number: e.studentNumber,
					time_multiplier: e.timeMultiplier,
					position: from + i + j,
					created_at: now
				}))
			)
			.execute();
	}
}

/** Creates a class with its roster, in one transaction. Returns its code and the class key. */
export async function createClass(db: DB, input: unknown, now: number) {
	const data = parseBody(NewClassSchema, input);
	const entries = data.roster === undefined ? [] : readRoster(data.roster, []);
	const key = newKey();
	return writeTransaction(db, async (tx) => {
		for (let tries = 0; tries < 20; tries++) {
			const code = newCode();
			const inserted = await tx
				.insertInto('classes')
				.values({ code, name: data.name, key_hash: hashKey(key), created_at: now, last_seq: 0 })
				.onConflict((oc) => oc.column('code').doNothing())
				.executeTakeFirst();
			if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
			await insertRoster(tx, code, entries, 0, now);
			return { code, key, roster: await rosterViews(tx, code) };
		}
		throw new Error('could not find a free class code');
	});
}

async function hasRoster(db: Kysely<Schema>, code: string) {
	const row = await db
		.selectFrom('roster')
		.select('id')
		.where('class_code', '=', code)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** What a joiner sees: the class's name and whether it has a roster. 404 for an unknown code. */
export async function getClassPublic(db: DB, code: string): Promise<ClassPublic> {
	const row = await findClass(db, code);
	return publicView(row, await hasRoster(db, code));
}

/** Renames a class (the caller checked the class key). */
export async function renameClass(db: DB, row: ClassRow, input: unknown): Promise<ClassPublic> {
	const { name } = parseBody(EditClassSchema, input);
	await writeTransaction(db, async (tx) => {
		await lockClass(tx, row.code);
		await tx.updateTable('classes').set({ name }).where('code', '=', row.code).execute();
	});
	return publicView({ ...row, name }, await hasRoster(db, row.code));
}

/** Replaces the class key: the old one stops working at once. */
export async function replaceClassKey(db: DB, row: ClassRow): Promise<string> {
	const key = newKey();
	await writeTransaction(db, async (tx) => {
		await lockClass(tx, row.code);
		await tx
			.updateTable('classes')
			.set({ key_hash: hashKey(key) })
			.where('code', '=', row.code)
			.execute();
	});
	return key;
}

/** Adds students to the roster, all or none; answers the whole roster. */
export async function addRoster(db: DB, row: ClassRow, input: unknown, now: number) {
	const data = parseBody(AddRosterSchema, input);
	return writeTransaction(db, async (tx) => {
		await lockClass(tx, row.code);
		const existing = await rosterOf(tx, row.code);
		const entries = readRoster(data.roster, existing);
		const from = existing.reduce((max, r) => Math.max(max, r.position + 1), 0);
		await insertRoster(tx, row.code, entries, from, now);
		return rosterViews(tx, row.code);
	});
}

/** Changes one roster entry's name, number or time multiplier. */
export async function editRosterEntry(
	db: DB,
	row: ClassRow,
	rosterId: string,
	input: unknown
): Promise<RosterEntry> {
	const data = parseBody(EditRosterEntrySchema, input);
	return writeTransaction(db, async (tx) => {
		await lockClass(tx, row.code);
		const roster = await rosterOf(tx, row.code);
		const entry = roster.find((r) => r.id === rosterId);
		if (!entry)
			throw new ApiError(404, `rosterId: no roster entry "${rosterId.slice(0, 64)}" in this class`);
		const number =
			data.studentNumber === undefined ? entry.student_number : data.studentNumber || null;
		if (number) {
			const other = roster.find(
				(r) =>
					r.id !== rosterId && r.student_number && numberKey(r.student_number) === numberKey(number)
			);
			if (other)
				throw new ApiError(
					409,
					`studentNumber: "${number}" is already on the roster (${other.name})`
				);
		}
		const next = {
			name: data.name ?? entry.name,
			student_number: number,
			time_multiplier: data.timeMultiplier ?? entry.time_multiplier
		};
		await tx
			.updateTable('roster')
			.set(next)
			.where('class_code', '=', row.code)
			.where('id', '=', rosterId)
			.execute();
		const member = await tx
			.selectFrom('members')
			.select('student_id')
			.where('class_code', '=', row.code)
			.where('roster_id', '=', rosterId)
			.executeTakeFirst();
		return rosterView({ ...entry, ...next }, member?.student_id ?? null);
	});
}

async function candidatesOf(tx: Kysely<Schema>, code: string): Promise<RosterCandidate[]> {
	const [roster, members] = await Promise.all([rosterOf(tx, code), membersOf(tx, code)]);
	const claimed = new Set(members.map((m) => m.roster_id).filter((id) => id !== null));
	return roster.map((r) => ({
		id: r.id,
		name: r.name,
		studentNumber: r.student_number,
		claimed: claimed.has(r.id)
	}));
}

async function multiplierOf(tx: Kysely<Schema>, code: string, rosterId: string | null) {
	if (!rosterId) return 1;
	const row = await tx
		.selectFrom('roster')
		.select('time_multiplier')
		.where('class_code', '=', code)
		.where('id', '=', rosterId)
		.executeTakeFirst();
	return row?.time_multiplier ?? 1;
}

/**
 * A student joins. The same `studentId` again with its member key is the same membership (200,
 * nothing changed); without it (or with another) 409, so nobody takes over a membership. A near
 * roster match answers `confirm` and stores nothing.
 */
export async function joinClass(
	db: DB,
	code: string,
	input: unknown,
	now: number
): Promise<{ created: boolean; result: JoinResult }> {
	const klass = await findClass(db, code);
	const data = parseBody(JoinClassSchema, input);
	return writeTransaction(db, async (tx) => {
		await lockClass(tx, code);
		const existing = await tx
			.selectFrom('members')
			.selectAll()
			.where('class_code', '=', code)
			.where('student_id', '=', data.studentId)
			.executeTakeFirst();
		const withRoster = await hasRoster(tx, code);
		if (existing) {
			if (!keyOpens(existing.key_hash, data.memberKey ?? null)) {
				throw new ApiError(
					409,
					'studentId: already joined this class; send the memberKey this device joined with'
				);
			}
			return {
				created: false,
				result: {
					status: 'joined',
					class: publicView(klass, withRoster),
					member: memberView(existing, await multiplierOf(tx, code, existing.roster_id)),
					memberKey: data.memberKey!
				}
			};
		}
		const roster = await candidatesOf(tx, code);
		const joiner = { name: data.name, studentNumber: data.studentNumber };
		let rosterId: string | null = null;
		if (typeof data.confirmRosterId === 'string') {
			const entry = roster.find((r) => r.id === data.confirmRosterId);
			if (!entry || entry.claimed || !mayConfirm(joiner, roster, entry.id)) {
				throw new ApiError(
					400,
					`confirmRosterId: "${data.confirmRosterId}" is not a roster entry offered to this name`
				);
			}
			rosterId = entry.id;
		} else if (data.confirmRosterId === undefined) {
			const outcome = matchJoiner(joiner, roster);
			if (outcome.kind === 'confirm') {
				return {
					created: false,
					result: {
						status: 'confirm',
						candidates: outcome.candidates.map((c) => ({ rosterId: c.id, name: c.name }))
					}
				};
			}
			if (outcome.kind === 'matched') rosterId = outcome.rosterId;
		}
		const memberKey = data.memberKey ?? newKey();
		const row: MemberRow = {
			class_code: code,
			student_id: data.studentId,
			key_hash: hashKey(memberKey),
			name: data.name,
			student_number: data.studentNumber || null,
			roster_id: rosterId,
			status: rosterId ? 'matched' : 'pending',
			joined_at: now
		};
		await tx.insertInto('members').values(row).execute();
		return {
			created: true,
			result: {
				status: 'joined',
				class: publicView(klass, withRoster),
				member: memberView(row, await multiplierOf(tx, code, rosterId)),
				memberKey
			}
		};
	});
}

/** The instructor matches a member to a roster entry or accepts them without one. */
export async function decideMember(
	db: DB,
	row: ClassRow,
	studentId: string,
	input: unknown
): Promise<MemberView> {
	const data = parseBody(MemberDecisionSchema, input);
	return writeTransaction(db, async (tx) => {
		await lockClass(tx, row.code);
		const member = await tx
			.selectFrom('members')
			.selectAll()
			.where('class_code', '=', row.code)
			.where('student_id', '=', studentId)
			.executeTakeFirst();
		if (!member)
			throw new ApiError(
				404,
				`studentId: "${studentId.slice(0, 64)}" is not a member of this class`
			);
		let next: Pick<MemberRow, 'roster_id' | 'status'>;
		if (data.action === 'accept') {
			next = { roster_id: null, status: 'accepted' };
		} else {
			const roster = await candidatesOf(tx, row.code);
			const entry = roster.find((r) => r.id === data.rosterId);
			if (!entry)
				throw new ApiError(400, `rosterId: no roster entry "${data.rosterId}" in this class`);
			if (entry.claimed && member.roster_id !== entry.id) {
				throw new ApiError(409, `rosterId: "${entry.name}" is already matched to another member`);
			}
			next = { roster_id: entry.id, status: 'matched' };
		}
		await tx
			.updateTable('members')
			.set(next)
			.where('class_code', '=', row.code)
			.where('student_id', '=', studentId)
			.execute();
		return memberView({ ...member, ...next }, await multiplierOf(tx, row.code, next.roster_id));
	});
}
