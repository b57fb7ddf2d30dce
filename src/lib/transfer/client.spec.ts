import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as createRoute } from '../../routes/api/transfers/+server';
import { DELETE as cancelRoute, GET as fetchRoute } from '../../routes/api/transfers/[id]/+server';
import { TRANSFER_TTL_MS } from '$lib/api/transfers';
import { resetRateLimits } from '$lib/server/rate-limit';
import {
	TransferError,
	cancelTransfer,
	parseMoveFragment,
	receiveTransfer,
	sendTransfer,
	type TransferProblem
} from './client';
import type { RandomFill } from './crypto';

// The client against the real route handlers: a fetch that calls them in process.
beforeAll(() => {
	process.env.DATABASE_PATH = join(mkdtempSync(join(tmpdir(), 'meridian-move-')), 'm.sqlite');
});
beforeEach(() => resetRateLimits());
afterEach(() => vi.restoreAllMocks());

const ORIGIN = 'http://meridian.test';
const random: RandomFill = (bytes) => crypto.getRandomValues(bytes);
const plaintext = new TextEncoder().encode('{"app":"meridian","reviewLogs":[]}');

/** Calls the routes in process; `alter` may change the bytes the server answers with. */
function serverFetch(alter?: (bytes: Uint8Array) => void): typeof fetch {
	return (async (input: RequestInfo | URL, init?: RequestInit) => {
		const request = new Request(new URL(String(input), ORIGIN), init);
		const { pathname } = new URL(request.url);
		const id = pathname.split('/')[3];
		const event = {
			request,
			url: new URL(request.url),
			params: id ? { id } : {},
			getClientAddress: () => '192.0.2.9'
		};
		const route = !id ? createRoute : request.method === 'DELETE' ? cancelRoute : fetchRoute;
		const response = await route(event as never);
		if (!alter || !response.ok || !id) return response;
		const bytes = new Uint8Array(await response.arrayBuffer());
		alter(bytes);
		return new Response(bytes, { status: response.status, headers: response.headers });
	}) as typeof fetch;
}

async function problemOf(promise: Promise<unknown>): Promise<TransferProblem> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(TransferError);
	return (error as TransferError).problem;
}

const send = () => sendTransfer(plaintext, { origin: ORIGIN, random, fetch: serverFetch() });
const fragmentOf = (link: string) => parseMoveFragment(new URL(link).hash);

describe('moving progress through the server', () => {
	it('sends a link with the key only in the fragment, and receives the same bytes once', async () => {
		const sent = await send();
		const url = new URL(sent.link);
		expect(url.pathname).toBe('/move');
		expect(url.search).toBe('');
		expect(url.hash).toMatch(/^#[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
		const link = fragmentOf(sent.link);
		expect(await receiveTransfer(link, { fetch: serverFetch() })).toEqual(plaintext);
		expect(await problemOf(receiveTransfer(link, { fetch: serverFetch() }))).toBe('used');
	});

	it('refuses a wrong key without using the transfer up', async () => {
		const link = fragmentOf((await send()).link);
		const other = fragmentOf((await send()).link);
		const wrong = { id: link.id, key: other.key };
		const error = await receiveTransfer(wrong, { fetch: serverFetch() }).catch((e: unknown) => e);
		expect((error as TransferError).problem).toBe('key');
		expect((error as TransferError).message).toMatch(/still waiting/);
		expect(await receiveTransfer(link, { fetch: serverFetch() })).toEqual(plaintext);
	});

	it('says a changed ciphertext is damaged, and an unknown link is missing', async () => {
		const link = fragmentOf((await send()).link);
		const flip = (bytes: Uint8Array) => void (bytes[bytes.length - 1]! ^= 1);
		expect(await problemOf(receiveTransfer(link, { fetch: serverFetch(flip) }))).toBe('damaged');
		const unknown = { id: 'A'.repeat(22), key: link.key };
		expect(await problemOf(receiveTransfer(unknown, { fetch: serverFetch() }))).toBe('missing');
	});

	it('cancels a link: the server deletes it, and opening it says so', async () => {
		const link = fragmentOf((await send()).link);
		await cancelTransfer(link, { fetch: serverFetch() });
		const error = await receiveTransfer(link, { fetch: serverFetch() }).catch((e: unknown) => e);
		expect((error as TransferError).problem).toBe('missing');
		expect((error as TransferError).message).toMatch(/cancelled/);
		// Cancelling again, or a used link, is not an error.
		await expect(cancelTransfer(link, { fetch: serverFetch() })).resolves.toBeUndefined();
	});

	it('says an expired link has expired', async () => {
		const link = fragmentOf((await send()).link);
		vi.spyOn(Date, 'now').mockReturnValue(Date.now() + TRANSFER_TTL_MS + 1);
		const error = await receiveTransfer(link, { fetch: serverFetch() }).catch((e: unknown) => e);
		expect((error as TransferError).problem).toBe('expired');
		expect((error as TransferError).message).toMatch(/expired: links work for 24 hours/);
	});

	it('reads only whole move fragments', async () => {
		const link = fragmentOf((await send()).link);
		expect(parseMoveFragment(`#${link.id}.${link.key}`)).toEqual(link);
		for (const bad of ['', '#', `#${link.id}`, `#${link.id}.${link.key.slice(1)}`, '#a.b.c']) {
			expect(() => parseMoveFragment(bad)).toThrow(TransferError);
		}
		const damagedKey = { id: link.id, key: `${link.key.slice(0, -1)}+` };
		expect(await problemOf(receiveTransfer(damagedKey, { fetch: serverFetch() }))).toBe('link');
	});

	it('says so when the server cannot be reached', async () => {
		const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
		expect(
			await problemOf(sendTransfer(plaintext, { origin: ORIGIN, random, fetch: offline }))
		).toBe('network');
		const link = fragmentOf((await send()).link);
		expect(await problemOf(receiveTransfer(link, { fetch: offline }))).toBe('network');
		expect(await problemOf(cancelTransfer(link, { fetch: offline }))).toBe('network');
	});
});
