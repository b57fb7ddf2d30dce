/** The API refused a request: its status and its `{ error }` sentence (what is wrong and where). */
export class ApiResponseError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
		this.name = 'ApiResponseError';
	}
}

export interface ApiRequest {
	/** Sent as JSON. */
	body?: unknown;
	/** The instructor, class or member key, sent as `Authorization: Bearer <key>`. */
	key?: string;
	/** SvelteKit's `fetch` in a load, a fake in tests; the browser's otherwise. */
	fetch?: typeof fetch;
}

/**
 * Calls the API at `/api/<path>` and returns its JSON answer. An answer that is not 2xx throws an
 * {@link ApiResponseError} with the server's `{ error }`, or "The server answered <status>." when
 * it gave none; a network failure throws as `fetch` does.
 */
export async function apiRequest<T>(
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
	path: string,
	{ body, key, fetch: send = fetch }: ApiRequest = {}
): Promise<T> {
	const headers: Record<string, string> = {};
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (key !== undefined) headers.authorization = `Bearer ${key}`;
	const response = await send(`/api/${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	if (response.ok) return (await response.json()) as T;
	const answer: unknown = await response.json().catch(() => null);
	const error = (answer as { error?: unknown } | null)?.error;
	throw new ApiResponseError(
		response.status,
		typeof error === 'string' ? error : `The server answered ${response.status}.`
	);
}

/** The path of one assignment below `/api/`, with an optional sub-resource. */
export const assignmentPath = (code: string, below = '') =>
	`assignments/${encodeURIComponent(code)}${below && `/${below}`}`;
