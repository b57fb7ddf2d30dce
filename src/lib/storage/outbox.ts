import type { MeridianDB } from './db';
import { describeStorageError } from './errors';

/** A submission waiting to reach the server, or what became of it. Never deleted silently. */
export interface OutboxRow {
	id: string;
	/** The assignment's join code. */
	code: string;
	/** The request body, as the assignments API takes it. */
	body: Record<string, unknown>;
	status: 'waiting' | 'sent' | 'rejected';
	attempts: number;
	nextTryAt: number;
	createdAt: number;
	lastError: string | null;
	/** The server's answer once sent. */
	result: Record<string, unknown> | null;
}

/** A submission as first queued: waiting, due for a try at once. */
export function newOutboxItem(
	code: string,
	body: Record<string, unknown> & { id: string },
	now: number
): OutboxRow {
	return {
		id: body.id,
		code,
		body,
		status: 'waiting',
		attempts: 0,
		nextTryAt: now,
		createdAt: now,
		lastError: null,
		result: null
	};
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
