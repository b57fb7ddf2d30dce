import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, JOIN_CODE_PATTERN } from '$lib/api';
import type { Kysely } from 'kysely';
import type { RequestEvent } from '@sveltejs/kit';
import { getDatabase, type DB, type Schema } from '../db';
import { ApiError, withInstructorKey } from '../http';

// The keys of classes: the class key (instructor) and member keys (students), each 32 random
// bytes in base64url, only their SHA-256 stored and compared in constant time.

export type ClassRow = Schema['classes'];
export type MemberRow = Schema['members'];

/** The one answer to a class key that does not open the class. */
export const WRONG_CLASS_KEY = 'authorization: not the class key of this class';
/** The one answer to a member request whose key or student id does not match. */
export const WRONG_MEMBER_KEY =
	'authorization: no member of this class with this student id and key';
/** A member key used where the class key is needed. */
export const MEMBER_KEY_REFUSED =
	"authorization: this is a student's member key; this action needs the class key";

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
export const newKey = () => randomBytes(32).toString('base64url');
/** A roster entry's id: 8 random bytes, hex. */
export const newRosterId = () => randomBytes(8).toString('hex');

export function newCode(): string {
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++)
		code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
	return code;
}

/** Compared against when there is no row, so a missing one costs what a wrong key does. */
const NO_HASH = hashKey('no row has this key');

/** Whether `key` hashes to `hash` (hex), in constant time; false for a missing key or row. */
export function keyOpens(hash: string | undefined, key: string | null): boolean {
	const same = timingSafeEqual(
		Buffer.from(hashKey(key ?? ''), 'hex'),
		Buffer.from(hash ?? NO_HASH, 'hex')
	);
	return same && hash !== undefined && !!key;
}

/** The class, or a 404 naming the code. */
export async function findClass(db: Kysely<Schema>, code: string): Promise<ClassRow> {
	const row = JOIN_CODE_PATTERN.test(code)
		? await db.selectFrom('classes').selectAll().where('code', '=', code).executeTakeFirst()
		: undefined;
	if (!row) throw new ApiError(404, `no class with code "${code.slice(0, 20)}"`);
	return row;
}

/** Whether `key` is the member key of some student of the class. */
export async function isMemberKey(db: Kysely<Schema>, code: string, key: string | null) {
	if (!key) return false;
	const row = await db
		.selectFrom('members')
		.select('student_id')
		.where('class_code', '=', code)
		.where('key_hash', '=', hashKey(key))
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * Checks a class key for `row`: the class, or 403 for a member key of the class and 401 for any
 * other key or none.
 */
export async function checkClassKey(db: Kysely<Schema>, row: ClassRow, key: string | null) {
	if (keyOpens(row.key_hash, key)) return row;
	if (await isMemberKey(db, row.code, key)) throw new ApiError(403, MEMBER_KEY_REFUSED);
	throw new ApiError(401, WRONG_CLASS_KEY);
}

/** The class, if `key` is its class key: 404 unknown code, 403 a member key, 401 otherwise. */
export async function classForInstructor(db: Kysely<Schema>, code: string, key: string | null) {
	return checkClassKey(db, await findClass(db, code), key);
}

/**
 * Runs an instructor action of the class `params.code`: the class key checked (a wrong one counts
 * towards the key rate limit), `run` given the database and the class.
 */
export function withClassInstructor(
	event: Pick<RequestEvent, 'getClientAddress' | 'request'> & { params: { code: string } },
	run: (db: DB, klass: ClassRow) => Response | Promise<Response>
): Promise<Response> {
	return withInstructorKey(event, async (key) => {
		const db = await getDatabase();
		return run(db, await classForInstructor(db, event.params.code, key));
	});
}

/** The member, if `key` is their member key: 404 unknown class, 401 otherwise. */
export async function memberFor(
	db: Kysely<Schema>,
	code: string,
	studentId: string | null,
	key: string | null
): Promise<{ klass: ClassRow; member: MemberRow }> {
	const klass = await findClass(db, code);
	const member = studentId
		? await db
				.selectFrom('members')
				.selectAll()
				.where('class_code', '=', code)
				.where('student_id', '=', studentId)
				.executeTakeFirst()
		: undefined;
	if (!keyOpens(member?.key_hash, key)) throw new ApiError(401, WRONG_MEMBER_KEY);
	return { klass, member: member! };
}

/**
 * Takes the class's next write number inside the caller's write transaction: on PostgreSQL the
 * UPDATE locks the class's row, so the writers to one class (joins, roster changes) go one at a
 * time; on SQLite the transaction already holds the write lock.
 */
export async function lockClass(tx: Kysely<Schema>, code: string): Promise<void> {
	await tx
		.updateTable('classes')
		.set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
		.where('code', '=', code)
		.executeTakeFirstOrThrow();
}
