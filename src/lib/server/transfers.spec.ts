import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as createRoute } from '../../routes/api/transfers/+server';
import { DELETE as cancelRoute, GET as fetchRoute } from '../../routes/api/transfers/[id]/+server';
import { MAX_TRANSFER_BYTES, TRANSFER_TTL_MS, TransferCreatedSchema } from '$lib/api/transfers';
import {
	decryptTransfer,
	encodeSecret,
	encryptTransfer,
	fetchToken,
	newSecret,
	type RandomFill
} from '$lib/transfer/crypto';
import * as v from 'valibot';
import { getDatabase } from './db';
import { resetRateLimits } from './rate-limit';
import { ENGINES, openAt, serveFromTestPlace } from './testing/engines';
import { takeTransfer } from './transfers/store';

beforeEach(() => resetRateLimits());
afterEach(() => {
	vi.restoreAllMocks();
	delete process.env.RATE_LIMIT_TRANSFER_PER_MIN;
	delete process.env.RATE_LIMIT_TRANSFER_FETCH_PER_MIN;
	delete process.env.TRANSFER_STORAGE_MAX_MB;
});

const ORIGIN = 'http://meridian.test';
const random: RandomFill = (bytes) => crypto.getRandomValues(bytes);
type Handler = (event: never) => Response | Promise<Response>;

function call(handler: Handler, path: string, init: RequestInit = {}, params = {}) {
	const request = new Request(ORIGIN + path, init);
	const event = {
		request,
		url: new URL(request.url),
		params,
		getClientAddress: () => '192.0.2.7'
	};
	return handler(event as never);
}

/** A backup as the app exports it: card ids, a review and a setting in plain JSON. */
const BACKUP = JSON.stringify({
	app: 'meridian',
	schemaVersion: 1,
	cardStates: [{ cardId: 'history-sco-founded', due: 1 }],
	reviewLogs: [{ id: 'log-1', cardId: 'history-sco-founded', rating: 3 }],
	quizAttempts: [],
	settings: { desiredRetention: 0.9 }
});

async function sealed(plaintext = BACKUP) {
	const secret = newSecret(random);
	const ciphertext = await encryptTransfer(new TextEncoder().encode(plaintext), secret, random);
	return { secret, ciphertext, token: await fetchToken(secret) };
}

const upload = (body: BodyInit, token?: string) =>
	call(createRoute, '/api/transfers', {
		method: 'POST',
		headers: {
			'content-type': 'application/octet-stream',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body
	});

const download = (id: string, token?: string) =>
	call(
		fetchRoute,
		`/api/transfers/${id}`,
		{ headers: token ? { authorization: `Bearer ${token}` } : {} },
		{ id }
	);

async function created(body: BodyInit, token: string) {
	const res = await upload(body, token);
	expect(res.status).toBe(201);
	return v.parse(TransferCreatedSchema, await res.json());
}

const row = async (id: string): Promise<Record<string, unknown> | undefined> =>
	(await getDatabase()).selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirst();

const transferCount = async () =>
	(await (await getDatabase()).selectFrom('transfers').select('id').execute()).length;

async function errorOf(res: Response, status: number): Promise<string> {
	expect(res.status).toBe(status);
	const body = (await res.json()) as { error: unknown };
	expect(typeof body.error).toBe('string');
	return body.error as string;
}

// The transfer routes called with real Requests, on each engine: a SQLite file in a temp folder
// and a schema of the test PostgreSQL.
describe.each(ENGINES)('on %s', (engine) => {
	const place = serveFromTestPlace(engine);

	describe('POST /api/transfers', () => {
		it('stores only ciphertext: the row holds no card id, no plaintext and no key', async () => {
			const { secret, ciphertext, token } = await sealed();
			const now = Date.now();
			const made = await created(ciphertext, token);
			expect(made.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
			expect(made.bytes).toBe(ciphertext.length);
			expect(Date.parse(made.expiresAt) - now).toBeGreaterThanOrEqual(TRANSFER_TTL_MS - 1000);
			expect(Date.parse(made.expiresAt) - now).toBeLessThanOrEqual(TRANSFER_TTL_MS + 1000);

			const stored = (await row(made.id))!;
			expect(Buffer.from(stored.ciphertext as Buffer).equals(Buffer.from(ciphertext))).toBe(true);
			const everything = Object.values(stored)
				.map((value) => (Buffer.isBuffer(value) ? value.toString('latin1') : String(value)))
				.join(' ');
			for (const secretText of [
				'history-sco-founded',
				'cardId',
				'meridian',
				'desiredRetention',
				encodeSecret(secret),
				token
			]) {
				expect(everything).not.toContain(secretText);
			}
			expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
		});

		it('refuses a body over the cap with 413 and stores nothing', async () => {
			const { token } = await sealed();
			const before = await transferCount();
			const huge = new Uint8Array(MAX_TRANSFER_BYTES + 1);
			huge.set([0x4d, 0x52, 0x44, 0x54, 1]);
			expect(await errorOf(await upload(huge, token), 413)).toMatch(/larger than/);
			expect(await transferCount()).toBe(before);
		});

		it('refuses plaintext and a missing token', async () => {
			const { ciphertext, token } = await sealed();
			expect(await errorOf(await upload(BACKUP, token), 400)).toMatch(/not a Meridian transfer/);
			expect(await errorOf(await upload(ciphertext.slice(0, 20), token), 400)).toMatch(/truncated/);
			expect(await errorOf(await upload(ciphertext), 401)).toMatch(/^authorization:/);
			expect(await errorOf(await upload(ciphertext, 'short'), 401)).toMatch(/43 base64url/);
		});

		it('limits uploads per client with 429 and Retry-After', async () => {
			process.env.RATE_LIMIT_TRANSFER_PER_MIN = '2';
			resetRateLimits();
			const { ciphertext, token } = await sealed();
			await created(ciphertext, token);
			await created(ciphertext, token);
			const res = await upload(ciphertext, token);
			expect(await errorOf(res, 429)).toMatch(/too many requests/);
			expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
		});

		it('refuses with 503 when the server holds its limit of transfers', async () => {
			process.env.TRANSFER_STORAGE_MAX_MB = '1';
			const { ciphertext, token } = await sealed('x'.repeat(700 * 1024));
			const first = await created(ciphertext, token);
			const res = await upload(ciphertext, token);
			expect(await errorOf(res, 503)).toMatch(/too many transfers/);
			expect(res.headers.get('retry-after')).toBe('3600');
			// Once fetched, its bytes no longer count.
			expect((await download(first.id, token)).status).toBe(200);
			await created(ciphertext, token);
		});
	});

	const cancel = (id: string, token?: string) =>
		call(
			cancelRoute,
			`/api/transfers/${id}`,
			{ method: 'DELETE', headers: token ? { authorization: `Bearer ${token}` } : {} },
			{ id }
		);

	describe('DELETE /api/transfers/<id>', () => {
		it('deletes the row for the holder of the token only', async () => {
			const { ciphertext, token } = await sealed();
			const other = await sealed();
			const { id } = await created(ciphertext, token);
			expect(await errorOf(await cancel(id, other.token), 403)).toMatch(/does not match/);
			expect(await errorOf(await cancel(id), 401)).toMatch(/^authorization:/);
			expect(await row(id)).toBeDefined();
			const res = await cancel(id, token);
			expect(res.status).toBe(204);
			expect(await row(id)).toBeUndefined();
			expect(await errorOf(await download(id, token), 404)).toMatch(/cancelled/);
			expect(await errorOf(await cancel(id, token), 404)).toMatch(/^id:/);
		});
	});

	describe('GET /api/transfers/<id>', () => {
		it('hands the ciphertext over once, deletes it, and refuses a second fetch with 410', async () => {
			const { secret, ciphertext, token } = await sealed();
			const { id } = await created(ciphertext, token);
			const res = await download(id, token);
			expect(res.status).toBe(200);
			expect(res.headers.get('cache-control')).toBe('no-store');
			const got = new Uint8Array(await res.arrayBuffer());
			expect(new TextDecoder().decode(await decryptTransfer(got, secret))).toBe(BACKUP);
			expect(await row(id)).toMatchObject({ ciphertext: null, size: 0 });
			expect(await errorOf(await download(id, token), 410)).toMatch(/already fetched/);
		});

		it('refuses a wrong key with 403 and keeps the transfer for the right one', async () => {
			const { ciphertext, token } = await sealed();
			const other = await sealed();
			const { id } = await created(ciphertext, token);
			expect(await errorOf(await download(id, other.token), 403)).toMatch(/does not match/);
			expect(await errorOf(await download(id), 401)).toMatch(/^authorization:/);
			expect((await download(id, token)).status).toBe(200);
		});

		it('refuses an expired transfer with 410, and the next upload purges it', async () => {
			const { ciphertext, token } = await sealed();
			const start = Date.now();
			const { id } = await created(ciphertext, token);
			vi.spyOn(Date, 'now').mockReturnValue(start + TRANSFER_TTL_MS + 1);
			expect(await errorOf(await download(id, token), 410)).toMatch(/expired/);
			expect(await row(id)).toBeDefined();
			await created(ciphertext, token);
			expect(await row(id)).toBeUndefined();
			expect(await errorOf(await download(id, token), 404)).toMatch(/no such transfer/);
		});

		it('answers 404 for an unknown or malformed id', async () => {
			const { token } = await sealed();
			expect(await errorOf(await download('AAAAAAAAAAAAAAAAAAAAAA', token), 404)).toMatch(/^id:/);
			expect(await errorOf(await download('..%2Fetc', token), 404)).toMatch(/^id:/);
		});

		it('limits fetches per client with 429', async () => {
			process.env.RATE_LIMIT_TRANSFER_FETCH_PER_MIN = '1';
			resetRateLimits();
			const { token } = await sealed();
			await errorOf(await download('AAAAAAAAAAAAAAAAAAAAAA', token), 404);
			expect(await errorOf(await download('AAAAAAAAAAAAAAAAAAAAAA', token), 429)).toMatch(
				/too many requests/
			);
		});

		it('gives the ciphertext to only one of two database handles taking it', async () => {
			const { ciphertext, token } = await sealed();
			const { id } = await created(ciphertext, token);
			// Two handles of their own, as two server processes would have.
			const a = await openAt(place());
			const b = await openAt(place());
			try {
				const now = Date.now();
				expect((await takeTransfer(a, id, now, () => true)).kind).toBe('taken');
				expect((await takeTransfer(b, id, now, () => true)).kind).toBe('fetched');
				if (engine === 'postgres') {
					// At once: one of the two waits on the row's lock and then sees it fetched.
					const next = await created(ciphertext, token);
					const kinds = await Promise.all([
						takeTransfer(a, next.id, now, () => true),
						takeTransfer(b, next.id, now, () => true)
					]);
					expect(kinds.map((result) => result.kind).sort()).toEqual(['fetched', 'taken']);
				}
			} finally {
				await a.destroy();
				await b.destroy();
			}
		});
	});
});
