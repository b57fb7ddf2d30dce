import type { MeridianDB } from './db';
import { describeStorageError } from './errors';

/**
 * What an outbox item sends: a quiz attempt or review report (`submission`, the only kind before
 * classes, so a row without `kind` is one), a class join (`class-join`, `code` the class code) or
 * a student's review progress on an assignment's cards (`progress`).
 */
export type OutboxKind = 'submission' | 'class-join' | 'progress';

/** A submission waiting to reach the server, or what became of it. Never deleted silently. */
export interface OutboxRow {
	id: string;
	kind?: OutboxKind;
	/** The assignment's join code (the class code for a join). */
	code: string;
	/** The request body, as the API takes it. */
	body: Record<string, unknown>;
	/** The member key a progress report is sent with. */
	key?: string;
	/**
	 * Counts the changes to a progress report while it waits (cards are merged into it), so a
	 * send that finishes after a change marks only what it sent.
	 */
	revision?: number;
	status: 'waiting' | 'sent' | 'rejected';
	attempts: number;
	nextTryAt: number;
	createdAt: number;
	lastError: string | null;
	/** The server's answer once sent. */
	result: Record<string, unknown> | null;
}

/** An item as first queued: waiting, due for a try at once. */
export function queuedItem(
	fields: Pick<OutboxRow, 'id' | 'code' | 'body'> & Pick<Partial<OutboxRow>, 'kind' | 'revision'>,
	now: number
): OutboxRow {
	return {
		...fields,
		status: 'waiting',
		attempts: 0,
		nextTryAt: now,
		createdAt: now,
		lastError: null,
		result: null
	};
}

/** A submission as first queued (its id is the submission's). */
export function newOutboxItem(
	code: string,
	body: Record<string, unknown> & { id: string },
	now: number
): OutboxRow {
	return queuedItem({ id: body.id, code, body }, now);
}

/** Every submission on this device, sent or not. */
export async function outboxItems(db: MeridianDB): Promise<OutboxRow[]> {
	return db.getAll('outbox');
}

/** Stores a submission (new, or with the outcome of a try); a later flush sends a waiting one. */
export async function saveOutboxItem(db: MeridianDB, item: OutboxRow): Promise<void> {
	try {
		await db.put('outbox', item);
	} catch (error) {
		throw describeStorageError(error);
	}
}
