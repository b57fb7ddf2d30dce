import {
	apiRequest,
	ApiResponseError,
	assignmentPath,
	joinClass,
	MAX_PROGRESS_CARDS,
	sendProgress,
	type JoinClassBody,
	type JoinResult,
	type ProgressBody,
	type ProgressCard
} from '$lib/api';
import { inTransaction, type MeridianDB } from '$lib/storage/db';
import { outboxItems, type OutboxRow } from '$lib/storage/outbox';
import { membershipAfterJoin, membershipAfterRefusal } from './class-join';
import { sentCardsRemoved } from './class-progress';

const BASE_DELAY = 5_000;
const MAX_DELAY = 10 * 60_000;

/** Backoff before the next try after `attempts` failures: 5 s doubling, at most 10 minutes. */
export function retryDelay(attempts: number): number {
	return Math.min(MAX_DELAY, BASE_DELAY * 2 ** Math.max(0, attempts - 1));
}

/** Sends one item with the API's client functions; resolves with the server's answer. */
async function deliver(item: OutboxRow, send: typeof fetch): Promise<Record<string, unknown>> {
	switch (item.kind ?? 'submission') {
		case 'submission':
			return apiRequest('POST', assignmentPath(item.code, 'submissions'), {
				body: item.body,
				fetch: send
			});
		case 'class-join':
			return joinClass(item.code, item.body as JoinClassBody, { fetch: send }) as Promise<
				JoinResult & Record<string, unknown>
			>;
		case 'progress': {
			const body = item.body as ProgressBody;
			// Batches of the most one report may carry; each is idempotent, so a retry after a
			// failure part-way sends the first batches again harmlessly.
			const total = { stored: 0, unchanged: 0 };
			for (let i = 0; i < body.cards.length; i += MAX_PROGRESS_CARDS) {
				const cards = body.cards.slice(i, i + MAX_PROGRESS_CARDS);
				const answer = await sendProgress(
					item.code,
					item.key ?? '',
					{ ...body, cards },
					{
						fetch: send
					}
				);
				total.stored += answer.stored;
				total.unchanged += answer.unchanged;
			}
			return total;
		}
	}
}

type Outcome =
	| { kind: 'sent'; result: Record<string, unknown> }
	| { kind: 'rejected'; error: string }
	| { kind: 'retry'; error: string };

/** A 4xx other than 408 (timeout) and 429 (rate limit) will not change on a retry. */
const refused = (error: unknown): error is ApiResponseError =>
	error instanceof ApiResponseError &&
	error.status >= 400 &&
	error.status < 500 &&
	![408, 429].includes(error.status);

/**
 * Stores the outcome of a try in one transaction, onto the row as it is now (a progress report
 * may have taken more cards meanwhile; a join may have been asked again), with what it means for
 * the student's membership when it was a class join.
 */
function settle(db: MeridianDB, item: OutboxRow, outcome: Outcome, now: number): Promise<void> {
	return inTransaction(db, ['outbox', 'classes'], 'readwrite', async (tx) => {
		const outbox = tx.objectStore('outbox');
		const current = await outbox.get(item.id);
		if (!current) return;
		const attempts = current.attempts + 1;
		const changed = (current.revision ?? 0) !== (item.revision ?? 0);
		if (changed && item.kind === 'class-join') return; // a newer join waits: its answer counts
		let next: OutboxRow;
		if (outcome.kind === 'sent') {
			next = { ...current, status: 'sent', result: outcome.result, lastError: null, attempts };
			if (changed && item.kind === 'progress') {
				// Cards studied while this was on its way are still to send.
				const rest = sentCardsRemoved(
					current.body.cards as ProgressCard[],
					item.body.cards as ProgressCard[]
				);
				if (rest.length > 0) {
					next = {
						...current,
						body: { ...current.body, cards: rest },
						attempts: 0,
						nextTryAt: now,
						lastError: null
					};
				}
			}
		} else if (outcome.kind === 'rejected') {
			next = { ...current, status: 'rejected', lastError: outcome.error, attempts };
		} else {
			next = {
				...current,
				attempts,
				nextTryAt: now + retryDelay(attempts),
				lastError: outcome.error
			};
		}
		await outbox.put(next);
		if (item.kind !== 'class-join' || outcome.kind === 'retry') return;
		const classes = tx.objectStore('classes');
		const membership = await classes.get(['student', item.code]);
		if (membership?.role !== 'student') return;
		await classes.put(
			outcome.kind === 'sent'
				? membershipAfterJoin(membership, outcome.result as unknown as JoinResult)
				: membershipAfterRefusal(membership, outcome.error)
		);
	});
}

/**
 * Sends every waiting item that is due for a try. A 2xx answer (201, or 200 for one the server
 * already had) marks it sent; a 4xx other than 408/429 marks it rejected with the server's
 * reason, kept for the student to see; anything else (offline, 5xx, 429) schedules a retry.
 */
export async function flushOutbox(
	db: MeridianDB,
	send: typeof fetch,
	now: number
): Promise<{ sent: number; failed: number }> {
	let sent = 0;
	let failed = 0;
	for (const item of await outboxItems(db)) {
		if (item.status !== 'waiting' || item.nextTryAt > now) continue;
		let outcome: Outcome;
		try {
			outcome = { kind: 'sent', result: await deliver(item, send) };
			sent++;
		} catch (error) {
			const message = (error as Error)?.message ?? String(error);
			outcome = refused(error)
				? { kind: 'rejected', error: message }
				: { kind: 'retry', error: message };
			failed++;
		}
		await settle(db, item, outcome, now);
	}
	return { sent, failed };
}
