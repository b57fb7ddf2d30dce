import { describe, expect, it } from 'vitest';
import { openMeridianDB } from '$lib/storage/db';
import { newOutboxItem, outboxItems, saveOutboxItem } from '$lib/storage/outbox';
import { flushOutbox, retryDelay } from './outbox';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

function fakeFetch(answers: (Response | Error)[]) {
	const calls: string[] = [];
	const send = (async (url: string) => {
		calls.push(url);
		const next = answers.shift();
		if (!next || next instanceof Error) throw next ?? new Error('no answer');
		return next;
	}) as typeof fetch;
	return { send, calls };
}

const json = (status: number, body: unknown) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function withItem() {
	const db = await openMeridianDB();
	await saveOutboxItem(db, newOutboxItem('ABC2345', { id: 'sub-1', name: 'Ann' }, MOCK_NOW));
	return db;
}

describe('flushOutbox', () => {
	it('marks a submission sent when the server stores it (201) or already had it (200)', async () => {
		for (const status of [201, 200]) {
			const db = await withItem();
			const { send, calls } = fakeFetch([json(status, { id: 'sub-1', score: 80 })]);
			expect(await flushOutbox(db, send, MOCK_NOW)).toEqual({ sent: 1, failed: 0 });
			expect(calls).toEqual(['/api/assignments/ABC2345/submissions']);
			expect((await outboxItems(db))[0]).toMatchObject({ status: 'sent', result: { score: 80 } });
			db.close();
			indexedDB.deleteDatabase('meridian');
		}
	});

	it('keeps a submission and retries with backoff when offline or the server fails', async () => {
		const db = await withItem();
		const { send } = fakeFetch([new TypeError('Failed to fetch'), json(503, { error: 'busy' })]);
		await flushOutbox(db, send, MOCK_NOW);
		let [item] = await outboxItems(db);
		expect(item).toMatchObject({ status: 'waiting', attempts: 1, nextTryAt: MOCK_NOW + 5_000 });
		expect(await flushOutbox(db, send, MOCK_NOW + 1_000)).toEqual({ sent: 0, failed: 0 });
		await flushOutbox(db, send, MOCK_NOW + 5_000);
		[item] = await outboxItems(db);
		expect(item).toMatchObject({ status: 'waiting', attempts: 2, lastError: 'busy' });
		expect(item?.nextTryAt).toBe(MOCK_NOW + 5_000 + 10_000);
	});

	it('keeps a rejected submission with the server’s reason instead of dropping it', async () => {
		const db = await withItem();
		const { send } = fakeFetch([json(400, { error: 'answers.0.cardId is not a question' })]);
		await flushOutbox(db, send, MOCK_NOW);
		expect((await outboxItems(db))[0]).toMatchObject({
			status: 'rejected',
			lastError: 'answers.0.cardId is not a question'
		});
	});

	it('backs off from 5 s doubling up to 10 minutes', () => {
		expect([1, 2, 3, 20].map(retryDelay)).toEqual([5_000, 10_000, 20_000, 600_000]);
	});
});
