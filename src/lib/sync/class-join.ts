import * as v from 'valibot';
import type { JoinClassBody, JoinResult } from '$lib/api';
import { StudentClassSchema, type StudentClass } from '$lib/storage/classes';
import { inTransaction, type MeridianDB } from '$lib/storage/db';
import { queuedItem } from '$lib/storage/outbox';

/** The outbox id of a class's join: one per class, so asking again replaces what waits. */
export const joinItemId = (code: string) => `class-join:${code}`;

/** A member key made on the device: 32 random bytes, base64url (43 characters). */
export function newMemberKey(random: (bytes: Uint8Array) => Uint8Array): string {
	const bytes = random(new Uint8Array(32));
	let text = '';
	for (const byte of bytes) text += String.fromCharCode(byte);
	return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The body of `POST /api/classes/<code>/members` for a membership (and a confirmed entry). */
export function joinBody(row: StudentClass, confirmRosterId?: string | null): JoinClassBody {
	return {
		studentId: row.studentId,
		name: row.name,
		...(row.studentNumber ? { studentNumber: row.studentNumber } : {}),
		...(row.memberKey ? { memberKey: row.memberKey } : {}),
		...(confirmRosterId !== undefined ? { confirmRosterId } : {})
	};
}

/**
 * The membership once the server answered the join: joined (with the class's name and the
 * member key), or asked to confirm a near match on the class list. An answer that would not make
 * a readable row is kept as a refusal naming the problem, never stored half-read.
 */
export function membershipAfterJoin(row: StudentClass, result: JoinResult): StudentClass {
	const next: StudentClass =
		result?.status === 'confirm'
			? { ...row, sync: 'confirm', problem: null, candidates: result.candidates }
			: {
					...row,
					sync: 'joined',
					problem: null,
					candidates: [],
					memberKey: result?.memberKey,
					className: result?.class?.name
				};
	return v.is(StudentClassSchema, next)
		? next
		: membershipAfterRefusal(row, 'The server’s answer to the join could not be read.');
}

/** The membership once the server refused the join, with its reason. */
export function membershipAfterRefusal(row: StudentClass, problem: string): StudentClass {
	return { ...row, sync: 'refused', problem: problem.slice(0, 2000), candidates: [] };
}

/**
 * Saves a membership as pending and queues its join in one transaction, so a join made offline
 * is sent by the outbox once the device is back online. Asking again (a confirmed name, a new
 * try after a refusal) replaces the join still waiting.
 */
export function queueJoin(
	db: MeridianDB,
	row: StudentClass,
	now: number,
	confirmRosterId?: string | null
): Promise<StudentClass> {
	const pending = v.parse(StudentClassSchema, {
		...row,
		sync: 'pending',
		problem: null,
		candidates: []
	});
	return inTransaction(db, ['classes', 'outbox'], 'readwrite', async (tx) => {
		const outbox = tx.objectStore('outbox');
		const id = joinItemId(row.code);
		const before = await outbox.get(id);
		const item = queuedItem(
			{
				id,
				kind: 'class-join',
				code: row.code,
				body: joinBody(pending, confirmRosterId),
				revision: (before?.revision ?? 0) + 1
			},
			now
		);
		await tx.objectStore('classes').put(pending);
		await outbox.put(item);
		return pending;
	});
}
