import { json, type RequestEvent } from '@sveltejs/kit';
import type * as v from 'valibot';
import { validate } from '$lib/api';

/** Largest request body any API endpoint reads. */
export const MAX_BODY_BYTES = 256 * 1024;

/** An error the API answers with its status and a JSON `{ error }` saying what is wrong. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Record<string, string> = {}
	) {
		super(message);
		this.name = 'ApiError';
	}
}

// API answers are per-request and some are private: no cache may keep them.
const NO_STORE = { 'cache-control': 'no-store' };

/** A JSON answer that no cache keeps. */
export function respond(data: unknown, status = 200): Response {
	return json(data, { status, headers: NO_STORE });
}

/** Wraps a handler so a thrown {@link ApiError} becomes a JSON `{ error }` answer. */
export function apiHandler<E extends RequestEvent>(
	handler: (event: E) => Response | Promise<Response>
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			return await handler(event);
		} catch (e) {
			if (!(e instanceof ApiError)) throw e;
			return json(
				{ error: e.message },
				{ status: e.status, headers: { ...NO_STORE, ...e.headers } }
			);
		}
	};
}

/**
 * Reads a JSON body of at most `limit` bytes. The stream is read chunk by chunk and abandoned as
 * soon as it passes the limit, so a huge or lying Content-Length cannot make the server buffer it.
 */
export async function readJson(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
	if (!request.body) throw new ApiError(400, 'body: expected a JSON object, got nothing');
	const bytes = await readBytes(request, limit);
	try {
		return JSON.parse(new TextDecoder().decode(bytes));
	} catch {
		throw new ApiError(400, 'body is not valid JSON');
	}
}

/** Reads a body of at most `limit` bytes as bytes, abandoning the stream past the limit (413). */
export async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
	const tooLarge = () => new ApiError(413, `body is larger than ${limit} bytes`);
	if (Number(request.headers.get('content-length')) > limit) throw tooLarge();
	if (!request.body) throw new ApiError(400, 'body: expected content, got nothing');
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			throw tooLarge();
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}

/** Parses a body with one of the API's schemas, or throws a 400 naming the first problem and where. */
export function parseBody<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
	const result = validate(schema, input);
	if (!result.ok) throw new ApiError(400, result.error);
	return result.value;
}

/** The address rate limits are keyed by (adapter-node honours ADDRESS_HEADER behind a proxy). */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(request: Request): string | null {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
	return match?.[1] ?? null;
}
