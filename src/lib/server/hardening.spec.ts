import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { POST as createRoute } from '../../routes/api/assignments/+server';
import * as acceptRoutes from '../../routes/api/assignments/[code]/acceptances/+server';
import { GET as resultsRoute } from '../../routes/api/assignments/[code]/results/+server';
import { GET as csvRoute } from '../../routes/api/assignments/[code]/results.csv/+server';
import { POST as submitRoute } from '../../routes/api/assignments/[code]/submissions/+server';
import { csvCell } from './assignments';
import { getDatabase } from './db';
import { finishApiResponse, isCrossSiteForm, refuseEarly, withSecurityHeaders } from './guard';
import {
	ApiError,
	DISK_FULL_RETRY_AFTER_S,
	MAX_BODY_BYTES,
	WRONG_KEY,
	clientAddress,
	errorResponse,
	readJson
} from './http';
import { resetRateLimits } from './rate-limit';
import { API_CSP, SECURITY_HEADERS } from './security-headers.js';

// Issue 15's hardening: the API's one error mapping, body limits, the instructor key, rate
// limits, client addresses, CSV cells, the cross-site check and the headers.
beforeAll(() => {
	process.env.DATABASE_PATH = join(mkdtempSync(join(tmpdir(), 'meridian-harden-')), 'h.sqlite');
});
beforeEach(() => resetRateLimits());
afterEach(() => vi.restoreAllMocks());

const ORIGIN = 'http://meridian.test';
type Handler = (event: never) => Response | Promise<Response>;

function call(
	handler: Handler,
	path: string,
	init: RequestInit & { params?: Record<string, string>; address?: string | (() => string) } = {}
): Promise<Response> {
	const request = new Request(ORIGIN + path, init);
	const { address = '192.0.2.1' } = init;
	const event = {
		request,
		url: new URL(request.url),
		params: init.params ?? {},
		getClientAddress: typeof address === 'function' ? address : () => address
	};
	return Promise.resolve(handler(event as never));
}

async function newAssignment() {
	const res = await call(createRoute, '/api/assignments', {
		method: 'POST',
		body: JSON.stringify({
			title: 'Hardening',
			deckId: 'sco',
			mode: 'quiz',
			questionCount: 3,
			passMark: 0.5,
			dueAt: '2099-01-01'
		})
	});
	expect(res.status).toBe(201);
	return (await res.json()) as { code: string; instructorKey: string };
}

const withKey = (handler: Handler, code: string, key?: string, address?: string) =>
	call(handler, `/api/assignments/${code}/results`, {
		params: { code },
		headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
		address
	});

const submission = (id: string) => ({
	id,
	studentId: 'student-1',
	name: 'Ana',
	startedAt: '2025-05-05T09:00:00Z',
	finishedAt: '2025-05-05T09:04:00Z'
});

/** Status, headers that matter and body of an API answer. */
async function shape(res: Response) {
	return {
		status: res.status,
		cache: res.headers.get('cache-control'),
		type: res.headers.get('content-type'),
		body: (await res.json()) as unknown
	};
}

describe('errorResponse, the API error mapping', () => {
	it('answers an ApiError with its status, message and headers, as no-store JSON', async () => {
		const res = errorResponse(new ApiError(429, 'slow down', { 'retry-after': '7' }));
		expect(await shape(res)).toEqual({
			status: 429,
			cache: 'no-store',
			type: 'application/json',
			body: { error: 'slow down' }
		});
		expect(res.headers.get('retry-after')).toBe('7');
	});

	it.each([
		['SQLite', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })],
		['PostgreSQL', Object.assign(new Error('could not extend file'), { code: '53100' })],
		['the file system', Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' })]
	])('maps a full disk from %s to 503 with Retry-After', async (_, error) => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const res = errorResponse(error);
		expect(res.status).toBe(503);
		expect(res.headers.get('retry-after')).toBe(String(DISK_FULL_RETRY_AFTER_S));
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(await res.json()).toEqual({
			error: `the server's storage is full; nothing was stored; retry in ${DISK_FULL_RETRY_AFTER_S} s`
		});
	});

	it('answers anything else 500 without its details, and logs it', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const res = errorResponse(new TypeError('secret path /srv/x is broken'));
		expect(res.status).toBe(500);
		const body = JSON.stringify(await res.json());
		expect(body).not.toContain('secret');
		expect(log).toHaveBeenCalled();
	});

	it('answers a body refused by the server adapter (status 413) with 413', () => {
		expect(errorResponse(Object.assign(new Error('too big'), { status: 413 })).status).toBe(413);
	});
});

describe('a full disk, for real (SQLite max_page_count)', () => {
	it('answers 503 with Retry-After, stores nothing, and recovers without a restart', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const { code } = await newAssignment();
		const db = await getDatabase();
		const pragma = async (text: string) =>
			(await sql.raw<Record<string, number>>(`PRAGMA ${text}`).execute(db)).rows[0];
		const send = (id: string) =>
			call(submitRoute, `/api/assignments/${code}/submissions`, {
				method: 'POST',
				body: JSON.stringify(submission(id)),
				params: { code }
			});
		const pages = Number(Object.values((await pragma('page_count')) ?? {})[0]);
		expect(pages).toBeGreaterThan(0);
		await pragma(`max_page_count = ${pages}`);
		try {
			// Fill the last free pages, then a submission cannot be written.
			let res = await send('full-00000000');
			for (let i = 1; res.status === 201 && i < 500; i++) res = await send(`full-${1e7 + i}`);
			expect(res.status).toBe(503);
			expect(res.headers.get('retry-after')).toBe(String(DISK_FULL_RETRY_AFTER_S));
			expect(Object.keys(await res.json())).toEqual(['error']);
		} finally {
			await pragma('max_page_count = 1073741823');
		}
		expect((await send('after-00000001')).status).toBe(201);
	});
});

/** A request whose body arrives in chunks, with no Content-Length (like HTTP chunked encoding). */
function chunked(total: number, chunk = 16 * 1024): { request: Request; pulled: () => number } {
	let sent = 0;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (sent >= total) return controller.close();
			const n = Math.min(chunk, total - sent);
			sent += n;
			controller.enqueue(new Uint8Array(n).fill(0x20));
		}
	});
	const request = new Request(`${ORIGIN}/api/x`, {
		method: 'POST',
		body,
		duplex: 'half'
	} as RequestInit);
	return { request, pulled: () => sent };
}

describe('readJson', () => {
	it('refuses a chunked body over the limit with 413, reading on without keeping it', async () => {
		const { request, pulled } = chunked(MAX_BODY_BYTES * 3);
		expect(request.headers.get('content-length')).toBeNull();
		await expect(readJson(request)).rejects.toMatchObject({
			status: 413,
			message: `body is larger than ${MAX_BODY_BYTES} bytes`
		});
		// The rest is drained in the background (so the client can read the 413), not cancelled.
		await vi.waitFor(() => expect(pulled()).toBe(MAX_BODY_BYTES * 3));
	});

	it('reads a chunked body within the limit', async () => {
		const body = new TextEncoder().encode(JSON.stringify({ a: 'x'.repeat(100_000) }));
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < body.length; i += 4096) controller.enqueue(body.slice(i, i + 4096));
				controller.close();
			}
		});
		const request = new Request(`${ORIGIN}/api/x`, {
			method: 'POST',
			body: stream,
			duplex: 'half'
		} as RequestInit);
		expect(((await readJson(request)) as { a: string }).a).toHaveLength(100_000);
	});

	it('refuses a declared Content-Length over the limit before reading', async () => {
		const request = new Request(`${ORIGIN}/api/x`, {
			method: 'POST',
			body: 'x'.repeat(MAX_BODY_BYTES + 1)
		});
		await expect(readJson(request)).rejects.toMatchObject({ status: 413 });
	});
});

describe('the instructor key', () => {
	it('answers an unknown code exactly as a wrong or missing key', async () => {
		const { code } = await newAssignment();
		// Each case from its own address, so the failed-key limit does not step in.
		let n = 0;
		const next = () => `203.0.113.${++n}`;
		const wrong = await shape(await withKey(resultsRoute, code, 'A'.repeat(43), next()));
		expect(wrong).toEqual({
			status: 401,
			cache: 'no-store',
			type: 'application/json',
			body: { error: WRONG_KEY }
		});
		for (const [other, key] of [
			['ZZZZZZZ', 'A'.repeat(43)],
			['ZZZZZZZ', undefined],
			[code, undefined],
			[code, ''],
			['not-a-code', 'A'.repeat(43)]
		] as const) {
			expect(
				await shape(await withKey(resultsRoute, other, key, next())),
				`${other} ${key}`
			).toEqual(wrong);
			expect((await withKey(csvRoute, other, key, next())).status).toBe(401);
		}
		const accept = await call(acceptRoutes.POST as Handler, `/api/assignments/ZZZZZZZ/x`, {
			method: 'POST',
			params: { code: 'ZZZZZZZ' },
			headers: { authorization: `Bearer ${'A'.repeat(43)}` },
			body: '{}'
		});
		expect(await shape(accept)).toEqual(wrong);
	});

	it('limits failed keys per client to 10 a minute with 429, never refusing the right key', async () => {
		const { code, instructorKey } = await newAssignment();
		for (let i = 0; i < 10; i++)
			expect((await withKey(resultsRoute, code, 'nope')).status).toBe(401);
		const limited = await withKey(resultsRoute, 'ZZZZZZZ', 'nope');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await withKey(csvRoute, code, 'nope')).status).toBe(429);
		// Another client is not limited; the right key still opens the results.
		expect((await withKey(resultsRoute, code, 'nope', '198.51.100.7')).status).toBe(401);
		expect((await withKey(resultsRoute, code, instructorKey)).status).toBe(200);
	});

	it('limits the results endpoints per client (RATE_LIMIT_RESULTS_PER_MIN)', async () => {
		const { code, instructorKey } = await newAssignment();
		process.env.RATE_LIMIT_RESULTS_PER_MIN = '3';
		resetRateLimits();
		try {
			expect((await withKey(resultsRoute, code, instructorKey)).status).toBe(200);
			expect((await withKey(csvRoute, code, instructorKey)).status).toBe(200);
			expect((await withKey(resultsRoute, code, instructorKey)).status).toBe(200);
			const res = await withKey(csvRoute, code, instructorKey);
			expect(res.status).toBe(429);
			expect(await res.json()).toHaveProperty('error');
			expect((await withKey(resultsRoute, code, instructorKey, '198.51.100.9')).status).toBe(200);
		} finally {
			delete process.env.RATE_LIMIT_RESULTS_PER_MIN;
		}
	});
});

describe('client addresses behind a proxy', () => {
	it.each([
		[
			'a missing ADDRESS_HEADER',
			() => {
				throw new Error('Address header was specified with ADDRESS_HEADER=x-real-ip but is absent');
			}
		],
		['an empty address', () => '  ']
	])('refuse the request with 500 and log it loudly, for %s', async (_, getClientAddress) => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(() => clientAddress({ getClientAddress })).toThrow(
			expect.objectContaining({ status: 500 })
		);
		const { code } = await newAssignment();
		const res = await call(submitRoute, `/api/assignments/${code}/submissions`, {
			method: 'POST',
			body: JSON.stringify(submission('addr-00000001')),
			params: { code },
			address: getClientAddress
		});
		expect(res.status).toBe(500);
		expect((await res.json()).error).toMatch(/client's address cannot be read/);
		// Logged at most once every 10 s, so a storm does not flood the log.
		const loud = log.mock.calls.filter(([m]) => String(m).startsWith('REFUSING API REQUESTS'));
		expect(loud.length).toBeLessThanOrEqual(1);
	});

	it('logs what to check by name', () => {
		vi.useFakeTimers({ now: Date.now() + 3_600_000 });
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			expect(() =>
				clientAddress({
					getClientAddress: () => {
						throw new Error('XFF_DEPTH is 3, but only found 1 addresses');
					}
				})
			).toThrow(ApiError);
			expect(String(log.mock.calls[0]?.[0])).toMatch(
				/REFUSING API REQUESTS.*XFF_DEPTH is 3, but only found 1 addresses.*ADDRESS_HEADER.*XFF_DEPTH/
			);
		} finally {
			vi.useRealTimers();
		}
	});
});

describe('CSV cells', () => {
	it('quote a cell with ; for spreadsheets that split on it, and still neutralise formulas', () => {
		expect(csvCell('Smith; Jo')).toBe('"Smith; Jo"');
		expect(csvCell('=1;2')).toBe(`"'=1;2"`);
		expect(csvCell('-3')).toBe("'-3");
		expect(csvCell('Ana')).toBe('Ana');
	});
});

describe('the front door (hooks)', () => {
	const event = (path: string, init: RequestInit = {}, routeId: string | null = '/api/x') => {
		const request = new Request(ORIGIN + path, init);
		// Route ids are a union of the app's routes; these tests also try ids of no route.
		return { request, url: new URL(request.url), route: { id: routeId } } as Parameters<
			typeof refuseEarly
		>[0];
	};
	const form = (origin: string | null, type = 'application/x-www-form-urlencoded') => ({
		method: 'POST',
		headers: { 'content-type': type, ...(origin ? { origin } : {}) },
		body: 'a=1'
	});

	it('refuses a cross-site form on the API as JSON and elsewhere as text', async () => {
		const api = refuseEarly(event('/api/assignments', form('https://evil.example')))!;
		expect(await shape(api)).toEqual({
			status: 403,
			cache: 'no-store',
			type: 'application/json',
			body: {
				error:
					"Cross-site POST form submissions are forbidden: send JSON from this site's own pages"
			}
		});
		const page = refuseEarly(event('/about', form(null, 'text/plain'), '/about'))!;
		expect(page.status).toBe(403);
		expect(await page.text()).toBe('Cross-site POST form submissions are forbidden');
	});

	it('lets same-origin forms, JSON bodies and GETs through', () => {
		const through = [
			event('/api/assignments', form(ORIGIN)),
			event('/api/assignments', form('https://evil.example', 'application/json')),
			event('/api/assignments', { headers: { origin: 'https://evil.example' } })
		];
		for (const e of through) expect(refuseEarly(e)).toBeNull();
		expect(
			isCrossSiteForm(new Request(ORIGIN, form(null, 'multipart/form-data')), new URL(ORIGIN))
		).toBe(true);
	});

	it('answers an unknown /api path 404 JSON, leaving pages to SvelteKit', async () => {
		expect(await shape(refuseEarly(event('/api/nope/x', {}, null))!)).toEqual({
			status: 404,
			cache: 'no-store',
			type: 'application/json',
			body: { error: 'no API endpoint at /api/nope/x' }
		});
		expect(refuseEarly(event('/nope', {}, null))).toBeNull();
	});

	it("turns SvelteKit's own API errors into { error }, keeping status and Allow", async () => {
		const text = new Response('PUT method not allowed', {
			status: 405,
			headers: { 'content-type': 'text/plain', allow: 'GET' }
		});
		const res = await finishApiResponse(text);
		expect(await shape(res)).toMatchObject({
			status: 405,
			cache: 'no-store',
			body: { error: 'PUT method not allowed' }
		});
		expect(res.headers.get('allow')).toBe('GET');
		// SvelteKit's text() sends bytes with no content type.
		const bare = new Response(new TextEncoder().encode('PUT method not allowed'), { status: 405 });
		expect(await (await finishApiResponse(bare)).json()).toEqual({
			error: 'PUT method not allowed'
		});
		const kit = await finishApiResponse(
			Response.json({ message: 'Internal Error' }, { status: 500 })
		);
		expect(await kit.json()).toEqual({ error: 'Internal Error' });
		const html = await finishApiResponse(
			new Response('<h1>500</h1>', { status: 500, headers: { 'content-type': 'text/html' } })
		);
		expect(await html.json()).toEqual({ error: 'the server answered 500' });
		expect(html.headers.get('content-security-policy')).toBe(API_CSP);
	});

	it('keeps an API answer that is already right, adding no-store where missing', async () => {
		const csv = await finishApiResponse(
			new Response('a,b', { headers: { 'content-type': 'text/csv' } })
		);
		expect(csv.headers.get('cache-control')).toBe('no-store');
		expect(await csv.text()).toBe('a,b');
		const error = await finishApiResponse(Response.json({ error: 'x' }, { status: 400 }));
		expect(await error.json()).toEqual({ error: 'x' });
	});

	it("puts the security headers on every answer, keeping a page's own CSP", () => {
		const plain = withSecurityHeaders(new Response('x'));
		for (const [name, value] of Object.entries(SECURITY_HEADERS))
			expect(plain.headers.get(name)).toBe(value);
		const page = withSecurityHeaders(
			new Response('x', { headers: { 'content-security-policy': "script-src 'self'" } })
		);
		expect(page.headers.get('content-security-policy')).toBe("script-src 'self'");
		expect(page.headers.get('x-content-type-options')).toBe('nosniff');
		// A Response whose headers are immutable (Response.redirect) is copied, not thrown on.
		const moved = withSecurityHeaders(Response.redirect(`${ORIGIN}/x`, 308));
		expect(moved.headers.get('referrer-policy')).toBe('no-referrer');
		expect(moved.status).toBe(308);
	});
});
