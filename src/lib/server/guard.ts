import type { RequestEvent } from '@sveltejs/kit';
import { errorJson, errorResponse } from './http';
import { API_CSP, SECURITY_HEADERS } from './security-headers.js';

// The server's front door (src/hooks.server.ts): the cross-site form check SvelteKit would make,
// answered as JSON on the API; unknown API paths; the API's error shape; the security headers.

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Whether a request is under `/api/`. */
export const isApiPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

/**
 * Whether the request is a form a page on another site could send (a content type a plain
 * `<form>` or a CORS-free `fetch` can use, an unsafe method, another Origin): the check
 * SvelteKit's `csrf` makes, made here so the API can answer it as JSON (svelte.config.js turns
 * SvelteKit's own off). JSON bodies need a CORS preflight, which this server never grants.
 */
export function isCrossSiteForm(request: Request, url: URL): boolean {
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	return (
		FORM_TYPES.includes(type) &&
		UNSAFE_METHODS.includes(request.method) &&
		request.headers.get('origin') !== url.origin
	);
}

/**
 * The answer to a request refused before any route runs, or null to go on: a cross-site form
 * (403; JSON `{ error }` on the API, text elsewhere, as SvelteKit words it) and an `/api/` path
 * no endpoint serves (404 JSON).
 */
export function refuseEarly(
	event: Pick<RequestEvent, 'request' | 'url' | 'route'>
): Response | null {
	const { request, url } = event;
	const api = isApiPath(url.pathname);
	if (isCrossSiteForm(request, url)) {
		const message = `Cross-site ${request.method} form submissions are forbidden`;
		return api
			? errorJson(403, `${message}: send JSON from this site's own pages`)
			: new Response(message, { status: 403, headers: { 'content-type': 'text/plain' } });
	}
	if (api && event.route.id === null) {
		return errorJson(404, `no API endpoint at ${url.pathname.slice(0, 200)}`);
	}
	return null;
}

/** `response` with `headers` set, copied first when its headers cannot be changed. */
function withHeaders(response: Response, headers: Record<string, string>): Response {
	try {
		for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
		return copy;
	}
}

/**
 * An API answer in the API's shape: an error SvelteKit made itself (a 405 for a method an
 * endpoint lacks, its JSON `{ message }` or HTML error page) becomes JSON `{ error }`, keeping
 * status and headers such as Allow; every answer gets `cache-control: no-store` unless it set
 * its own, and the API's CSP.
 */
export async function finishApiResponse(response: Response): Promise<Response> {
	let answer = response;
	const type = response.headers.get('content-type') ?? '';
	if (response.status >= 400 && !(await hasErrorField(response, type))) {
		const text = type.includes('application/json')
			? String(((await response.json()) as { message?: unknown }).message ?? '')
			: type === '' || type.startsWith('text/plain')
				? await response.text()
				: '';
		const headers: Record<string, string> = {};
		for (const name of ['allow', 'retry-after']) {
			const value = response.headers.get(name);
			if (value) headers[name] = value;
		}
		answer = errorJson(response.status, text || `the server answered ${response.status}`, headers);
	}
	return withHeaders(answer, {
		'cache-control': answer.headers.get('cache-control') ?? 'no-store',
		'content-security-policy': API_CSP
	});
}

async function hasErrorField(response: Response, type: string): Promise<boolean> {
	if (!type.includes('application/json')) return false;
	const body: unknown = await response
		.clone()
		.json()
		.catch(() => null);
	return typeof (body as { error?: unknown } | null)?.error === 'string';
}

/** Every response's security headers (SECURITY_HEADERS), keeping a page's own CSP. */
export function withSecurityHeaders(response: Response): Response {
	const headers: Record<string, string> = { ...SECURITY_HEADERS };
	if (response.headers.has('content-security-policy')) delete headers['content-security-policy'];
	return withHeaders(response, headers);
}

/** Errors `handleError` saw, by request, so the API answers them through {@link errorResponse}. */
const failures = new WeakMap<Request, Response>();

/** Records an unexpected error of an API request; its answer replaces SvelteKit's. */
export function recordFailure(request: Request, error: unknown): void {
	failures.set(request, errorResponse(error));
}

/** The answer {@link recordFailure} made for this request, if any. */
export function failureOf(request: Request): Response | undefined {
	return failures.get(request);
}
