import { request as httpRequest } from 'node:http';
import { expect, test, type Page } from '@playwright/test';

// Issue 15: security headers and a CSP that breaks no page; the API's error shape over real HTTP.
// The phone project ignores this spec (playwright.config.ts): headers do not depend on the screen.

/** Collects CSP violations the page reports, from the console and the DOM event. */
async function watchCsp(page: Page): Promise<string[]> {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
	});
	await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			const report = (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation;
			report(`${e.violatedDirective} blocked ${e.blockedURI}`);
		});
	});
	return violations;
}

const PAGES = [
	'/',
	'/about',
	'/essay',
	'/decks/sco',
	'/decks/timeline',
	'/study/sco',
	'/quiz/sco',
	'/stats',
	'/settings',
	'/teach/new',
	'/teach/ZZZZZZZ#key=nope',
	'/join/ZZZZZZZ'
];

test.describe(() => {
	// This test needs the service worker (the suite blocks it elsewhere).
	test.use({ serviceWorkers: 'allow' });
	test('every page loads with no CSP violation, its script running and the service worker registered', async ({
		page
	}) => {
		const violations = await watchCsp(page);
		for (const path of PAGES) {
			await page.goto(path);
			// The page's scripts ran: SvelteKit hydrated it (its router answers navigations).
			await page.waitForFunction(() => document.querySelector('main, h1') !== null);
			await page.waitForLoadState('networkidle');
		}
		const registered = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			return registration.active?.scriptURL ?? '';
		});
		expect(registered).toMatch(/\/service-worker\.js$/);
		expect(violations).toEqual([]);
	});
});

test.describe(() => {
	// This test needs the service worker (the suite blocks it elsewhere).
	test.use({ serviceWorkers: 'allow' });
	test('offline, the app shell the service worker serves runs under its own CSP', async ({
		page,
		context
	}) => {
		const violations = await watchCsp(page);
		await page.goto('/');
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		await context.setOffline(true);
		await page.goto('/decks/energy');
		await expect(page.locator('h1')).toBeVisible();
		await context.setOffline(false);
		expect(violations).toEqual([]);
	});
});

const SECURITY = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer'
};

test('security headers on pages, prerendered pages, static files and the API', async ({
	request
}) => {
	for (const path of [
		'/',
		'/essay',
		'/teach/ZZZZZZZ',
		'/manifest.webmanifest',
		'/service-worker.js',
		'/decks/index.json',
		'/maps/fergana-valley.svg',
		'/api/assignments/ZZZZZZZ'
	]) {
		const res = await request.get(path, { maxRedirects: 0 });
		const headers = res.headers();
		expect(headers, path).toMatchObject(SECURITY);
		expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
	}
	// A page rendered by the server gets the whole policy as a header, with script hashes.
	const teach = (await request.get('/teach/ZZZZZZZ')).headers()['content-security-policy'];
	expect(teach).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
	expect(teach).toContain("object-src 'none'");
	// A prerendered page carries it in a <meta> tag (which cannot hold frame-ancestors).
	const home = await (await request.get('/')).text();
	expect(home).toMatch(
		/<meta http-equiv="content-security-policy" content="[^"]*script-src 'self' 'sha256-/
	);
	// Built scripts may be cached for a year: their names change with their content.
	const script = /<link href="(\/_app\/immutable\/[^"]+\.js)" rel="modulepreload"/.exec(home)?.[1];
	expect(script).toBeTruthy();
	const asset = await request.get(script!);
	expect(asset.headers()['cache-control']).toBe('public,max-age=31536000,immutable');
	expect(asset.headers()['x-content-type-options']).toBe('nosniff');
});

/** An error answer of the API: JSON `{ error }`, no-store. */
async function expectApiError(
	res: Awaited<ReturnType<import('@playwright/test').APIRequestContext['get']>>,
	status: number
) {
	expect(res.status()).toBe(status);
	expect(res.headers()['content-type']).toContain('application/json');
	expect(res.headers()['cache-control']).toBe('no-store');
	const body = (await res.json()) as Record<string, unknown>;
	expect(Object.keys(body)).toEqual(['error']);
	return body.error as string;
}

test('API errors are JSON { error } with no-store: unknown paths, methods, cross-site forms, keys', async ({
	request,
	baseURL
}) => {
	expect(await expectApiError(await request.get('/api/nope'), 404)).toBe(
		'no API endpoint at /api/nope'
	);
	await expectApiError(await request.put('/api/assignments', { data: {} }), 405);
	const csrf = await request.post('/api/assignments', {
		headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
		data: '{}'
	});
	expect(await expectApiError(csrf, 403)).toMatch(
		/^Cross-site POST form submissions are forbidden/
	);
	const sameSite = await request.post('/api/assignments', {
		headers: { origin: baseURL!, 'content-type': 'text/plain' },
		data: '{"mode": "exam"}'
	});
	expect(await expectApiError(sameSite, 400)).toMatch(/^mode: /);
	const unknown = await request.get('/api/assignments/ZZZZZZZ/results', {
		headers: { authorization: 'Bearer nope' }
	});
	expect(await expectApiError(unknown, 401)).toBe(
		'no assignment with this code and instructor key'
	);
});

/** POSTs `bytes` of body in chunks with no Content-Length (Transfer-Encoding: chunked). */
function postChunked(url: string, bytes: number): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			url,
			{ method: 'POST', headers: { 'content-type': 'application/json' } },
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			}
		);
		req.on('error', reject);
		const chunk = Buffer.alloc(16 * 1024, 0x20);
		let sent = 0;
		const write = () => {
			while (sent < bytes) {
				sent += chunk.length;
				if (!req.write(chunk)) return void req.once('drain', write);
			}
			req.end();
		};
		write();
	});
}

test('a chunked body over the limit gets 413 JSON, not a connection reset', async ({ baseURL }) => {
	for (const bytes of [300 * 1024, 2 * 1024 * 1024]) {
		const { status, body } = await postChunked(`${baseURL}/api/assignments`, bytes);
		expect(status, `${bytes} bytes`).toBe(413);
		expect(JSON.parse(body)).toEqual({ error: 'body is larger than 262144 bytes' });
	}
});
