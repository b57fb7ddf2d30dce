import type { MeridianDB } from '$lib/storage/db';
import { outboxItems, saveOutboxItem, type OutboxRow } from '$lib/storage/outbox';

const BASE_DELAY = 5_000;
const MAX_DELAY = 10 * 60_000;

/** Backoff before the next try after `attempts` failures: 5 s doubling, at most 10 minutes. */
export function retryDelay(attempts: number): number {
	return Math.min(MAX_DELAY, BASE_DELAY * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends every waiting submission that is due for a try. A 2xx answer (201, or 200 for one the
 * server already had) marks it sent; a 4xx other than 408/429 marks it rejected with the server's
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
		let next: OutboxRow;
		try {
			const response = await send(`/api/assignments/${encodeURIComponent(item.code)}/submissions`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(item.body)
			});
			const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
			if (response.ok) {
				next = {
					...item,
					status: 'sent',
					result: payload,
					lastError: null,
					attempts: item.attempts + 1
				};
				sent++;
			} else if (
				response.status >= 400 &&
				response.status < 500 &&
				![408, 429].includes(response.status)
			) {
				next = {
					...item,
					status: 'rejected',
					lastError: String(payload.error ?? response.statusText),
					attempts: item.attempts + 1
				};
				failed++;
			} else {
				throw new Error(String(payload.error ?? `server answered ${response.status}`));
			}
		} catch (error) {
			const attempts = item.attempts + 1;
			next = {
				...item,
				attempts,
				nextTryAt: now + retryDelay(attempts),
				lastError: (error as Error).message
			};
			failed++;
		}
		await saveOutboxItem(db, next);
	}
	return { sent, failed };
}
