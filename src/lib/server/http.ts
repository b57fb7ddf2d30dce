import { json, type RequestEvent } from '@sveltejs/kit';
import type * as v from 'valibot';
import { validate } from '$lib/api';
import { readAtMost } from './bytes';
import { enforceRateLimit } from './rate-limit';

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

/** The API's error answer: JSON `{ error }`, never cached. */
export function errorJson(
	status: number,
	error: string,
	headers: Record<string, string> = {}
): Response {
	return json({ error }, { status, headers: { ...NO_STORE, ...headers } });
}

/** Seconds a client is told to wait before retrying when the server's storage is full. */
export const DISK_FULL_RETRY_AFTER_S = 60;

/**
 * Whether `error` says the disk (or the database's quota) is full: SQLite's SQLITE_FULL
 * (better-sqlite3 sets `code`), PostgreSQL's SQLSTATE 53100 disk_full (`pg` sets `code`), or
 * the operating system's ENOSPC and EDQUOT (a file write, a temporary file, a WAL segment).
 */
export function isDiskFull(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return (
		code === 'SQLITE_FULL' ||
		code === '53100' ||
		code === 'ENOSPC' ||
		code === 'EDQUOT' ||
		(typeof code === 'string' &&
			code.startsWith('SQLITE_IOERR') &&
			/disk is full/i.test(String(error)))
	);
}

/** When the last unexpected error was logged, per message, so a storm of them logs each once a second. */
const lastLogged = new Map<string, number>();
function logOnce(message: string, error: unknown): void {
	const now = Date.now();
	if ((lastLogged.get(message) ?? 0) > now - 1000) return;
	if (lastLogged.size > 100) lastLogged.clear();
	lastLogged.set(message, now);
	console.error(message, error);
}

/**
 * The one mapping of a thrown error to the API's answer, used by every endpoint (through
 * {@link apiHandler}), by the server's `handleError` hook and by the storage code of either
 * engine: an {@link ApiError} answers its status and message; a full disk 503 with Retry-After
 * (nothing was stored, and a retry later will succeed once space is freed: the app's outbox
 * retries 5xx); a body over a limit found by the server adapter 413; anything else 500 with a
 * message that reveals nothing, the error itself going to the log.
 */
export function errorResponse(error: unknown): Response {
	if (error instanceof ApiError) return errorJson(error.status, error.message, error.headers);
	if (isDiskFull(error)) {
		logOnce('Storage full: refusing writes with 503 until space is freed.', error);
		return errorJson(
			503,
			`the server's storage is full; nothing was stored; retry in ${DISK_FULL_RETRY_AFTER_S} s`,
			{ 'retry-after': String(DISK_FULL_RETRY_AFTER_S) }
		);
	}
	const status = (error as { status?: unknown } | null)?.status;
	if (status === 413) return errorJson(413, `body is larger than ${MAX_BODY_BYTES} bytes`);
	logOnce('Unexpected error in the API:', error);
	return errorJson(500, 'internal error: the request was not completed; nothing was stored');
}

/** Wraps a handler so any thrown error becomes the API's JSON `{ error }` ({@link errorResponse}). */
export function apiHandler<E extends RequestEvent>(
	handler: (event: E) => Response | Promise<Response>
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			return await handler(event);
		} catch (e) {
			return errorResponse(e);
		}
	};
}

/**
 * Bytes of an over-limit body read and thrown away after the 413 is decided, so that a client
 * still sending it gets to read the answer instead of a connection reset; past this the
 * connection is dropped.
 */
export const DISCARD_BYTES = 8 * 1024 * 1024;

/** Reads and drops the rest of a body, at most `budget` bytes, then lets the stream go. */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number) {
	try {
		while (budget > 0) {
			const { done, value } = await reader.read();
			if (done) return;
			budget -= value.byteLength;
		}
		await reader.cancel();
	} catch {
		// The client went away or the adapter refused the body itself: nothing left to drain.
	}
}

/**
 * Reads a JSON body of at most `limit` bytes, whatever Content-Length says or whether there is
 * one (a chunked body). The stream is read chunk by chunk and nothing past the limit is kept;
 * the rest is drained in the background (up to {@link DISCARD_BYTES}) so the 413 reaches the
 * client rather than a reset connection.
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
	const declared = Number(request.headers.get('content-length'));
	if (!request.body) throw new ApiError(400, 'body: expected content, got nothing');
	const reader = request.body.getReader();
	if (declared > limit) {
		void discard(reader, DISCARD_BYTES);
		throw tooLarge();
	}
	let bytes: Uint8Array | null;
	try {
		bytes = await readAtMost(reader, limit);
	} catch (e) {
		if ((e as { status?: unknown }).status === 413) throw tooLarge();
		throw new ApiError(400, 'body could not be read to its end');
	}
	if (bytes) return bytes;
	void discard(reader, DISCARD_BYTES);
	throw tooLarge();
}

/** Parses a body with one of the API's schemas, or throws a 400 naming the first problem and where. */
export function parseBody<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
	const result = validate(schema, input);
	if (!result.ok) throw new ApiError(400, result.error);
	return result.value;
}

/** When the unreadable client address was last logged (at most once every 10 s). */
let addressLoggedAt = -Infinity;

/**
 * The address rate limits are keyed by: adapter-node's `getClientAddress()`, which reads
 * ADDRESS_HEADER (and XFF_DEPTH for X-Forwarded-For) behind a proxy. When that header is
 * missing, empty or shorter than XFF_DEPTH, the request is refused with 500 and the log says
 * why, loudly: counting every such request under one "unknown" address would put all clients
 * in one bucket (a misconfigured proxy) or let a client that bypasses the proxy go unlimited.
 */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	let address: string;
	let cause: string;
	try {
		address = event.getClientAddress().trim();
		cause = 'it is empty';
	} catch (e) {
		address = '';
		cause = (e as Error).message;
	}
	if (address) return address;
	const now = Date.now();
	if (now - addressLoggedAt >= 10_000) {
		addressLoggedAt = now;
		console.error(
			`REFUSING API REQUESTS: the client address cannot be read (${cause}). ` +
				`Check ADDRESS_HEADER (now "${process.env.ADDRESS_HEADER ?? ''}") and XFF_DEPTH ` +
				`(now "${process.env.XFF_DEPTH ?? '1'}") against what the proxy in front sends; see docs/scale.md.`
		);
	}
	throw new ApiError(
		500,
		"server misconfigured: the client's address cannot be read, so the request was refused"
	);
}

/**
 * The one answer to an instructor request whose key does not open the code: the same for an
 * unknown code as for a missing or wrong key.
 */
export const WRONG_KEY = 'no assignment with this code and instructor key';

/**
 * Runs an instructor request (one that sends the key) and counts it against the client's
 * failed-key limit when the key does not open the code: past the limit (RATE_LIMIT_KEY_FAILURES_PER_MIN)
 * failures answer 429 instead of 401. A right key is never refused by this limit, so a
 * student guessing keys behind the school's address cannot lock the instructor out.
 */
export async function withInstructorKey(
	event: Pick<RequestEvent, 'getClientAddress' | 'request'>,
	run: (key: string | null) => Response | Promise<Response>
): Promise<Response> {
	const address = clientAddress(event);
	try {
		return await run(bearerToken(event.request));
	} catch (e) {
		if (e instanceof ApiError && e.status === 401)
			await enforceRateLimit('key', address, Date.now());
		throw e;
	}
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(request: Request): string | null {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
	return match?.[1] ?? null;
}
