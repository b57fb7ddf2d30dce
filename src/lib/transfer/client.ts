import * as v from 'valibot';
import {
	MAX_TRANSFER_BYTES,
	TransferCreatedSchema,
	TransferLinkSchema,
	TRANSFERS_PATH,
	moveLink,
	transferPath,
	type TransferLink
} from '$lib/api/transfers';
import { refusal } from '$lib/api/request';
import {
	TransferCryptoError,
	decodeSecret,
	decryptTransfer,
	encodeSecret,
	encryptTransfer,
	fetchToken,
	newSecret,
	type RandomFill
} from './crypto';

// Sending and receiving a device transfer over the API: encryption here, the network through the
// `fetch` passed in. Every failure is a TransferError with a sentence a student can act on.

export type TransferProblem =
	| 'link'
	| 'missing'
	| 'used'
	| 'expired'
	| 'key'
	| 'damaged'
	| 'version'
	| 'too-large'
	| 'busy'
	| 'network';

export class TransferError extends Error {
	constructor(
		readonly problem: TransferProblem,
		message: string
	) {
		super(message);
		this.name = 'TransferError';
	}
}

const ASK_AGAIN = 'On the other device, open Settings, Move my progress, and make a new link.';

export interface SentTransfer {
	link: string;
	expiresAt: string;
	bytes: number;
}

/** Calls the API at `/api/<path>`; a network failure is a `network` TransferError. */
async function reach(send: typeof fetch, path: string, init: RequestInit): Promise<Response> {
	try {
		return await send(`/api/${path}`, init);
	} catch {
		throw new TransferError('network', 'The server could not be reached: check your connection.');
	}
}

/** Encrypts `plaintext` under a new secret and uploads only the ciphertext. */
export async function sendTransfer(
	plaintext: Uint8Array<ArrayBuffer>,
	{
		origin,
		random,
		fetch: send = fetch
	}: { origin: string; random: RandomFill; fetch?: typeof fetch }
): Promise<SentTransfer> {
	const secret = newSecret(random);
	const ciphertext = await encryptTransfer(plaintext, secret, random);
	if (ciphertext.length > MAX_TRANSFER_BYTES) {
		throw new TransferError(
			'too-large',
			`Your progress is ${(ciphertext.length / 1024 / 1024).toFixed(1)} MB encrypted, more than the ${MAX_TRANSFER_BYTES / 1024 / 1024} MB a move can carry. Export a backup file instead.`
		);
	}
	const response = await reach(send, TRANSFERS_PATH, {
		method: 'POST',
		headers: {
			'content-type': 'application/octet-stream',
			authorization: `Bearer ${await fetchToken(secret)}`
		},
		body: ciphertext
	});
	if (!response.ok) {
		const why = await refusal(response);
		if (response.status === 413) throw new TransferError('too-large', `Too large to move: ${why}`);
		if (response.status === 429 || response.status === 503) {
			throw new TransferError('busy', `The server is busy: ${why}`);
		}
		throw new TransferError('network', `The move link could not be made: ${why}`);
	}
	const created = v.parse(TransferCreatedSchema, await response.json());
	return {
		link: moveLink(origin, created.id, encodeSecret(secret)),
		expiresAt: created.expiresAt,
		bytes: created.bytes
	};
}

/** Reads a move link's fragment (`#<id>.<key>`); throws a `link` TransferError when it is not one. */
export function parseMoveFragment(fragment: string): TransferLink {
	const parsed = v.safeParse(TransferLinkSchema, fragment);
	if (!parsed.success) {
		throw new TransferError(
			'link',
			'This link is incomplete or damaged: it should end in # and two long codes joined by a dot. Copy the whole link again, or scan the QR code.'
		);
	}
	return parsed.output;
}

/**
 * Fetches and decrypts a transfer: the server hands it over once and deletes it. A wrong key is
 * refused by the server before it is used up.
 */
export async function receiveTransfer(
	link: TransferLink,
	{ fetch: send = fetch }: { fetch?: typeof fetch } = {}
): Promise<Uint8Array<ArrayBuffer>> {
	let secret: Uint8Array<ArrayBuffer>;
	try {
		secret = decodeSecret(link.key);
	} catch (error) {
		throw new TransferError('link', (error as Error).message);
	}
	const response = await reach(send, transferPath(link.id), {
		headers: { authorization: `Bearer ${await fetchToken(secret)}` }
	});
	if (!response.ok) {
		const why = await refusal(response);
		if (response.status === 404) {
			throw new TransferError(
				'missing',
				`No such move link: it was cancelled, or it expired and was deleted, or it was mistyped. ${ASK_AGAIN}`
			);
		}
		if (response.status === 410 && /expired/.test(why)) {
			throw new TransferError(
				'expired',
				`This move link has expired: links work for 24 hours. ${ASK_AGAIN}`
			);
		}
		if (response.status === 410) {
			throw new TransferError(
				'used',
				`This move link was already used: a link works once, and its progress has been fetched. ${ASK_AGAIN}`
			);
		}
		if (response.status === 403 || response.status === 401) {
			throw new TransferError(
				'key',
				'The key in this link does not match: part of the link is missing or changed. Copy the whole link again, or scan the QR code. The transfer is still waiting.'
			);
		}
		if (response.status === 429) throw new TransferError('busy', `The server is busy: ${why}`);
		throw new TransferError('network', `The transfer could not be fetched: ${why}`);
	}
	const envelope = new Uint8Array(await response.arrayBuffer());
	try {
		return await decryptTransfer(envelope, secret);
	} catch (error) {
		if (!(error instanceof TransferCryptoError)) throw error;
		throw new TransferError(
			error.reason === 'version' ? 'version' : 'damaged',
			`${error.message} Nothing was imported. ${ASK_AGAIN}`
		);
	}
}

/**
 * Cancels a transfer from the device that made it: the server deletes the ciphertext. A link
 * already used or gone is cancelled too; a network failure throws.
 */
export async function cancelTransfer(
	link: TransferLink,
	{ fetch: send = fetch }: { fetch?: typeof fetch } = {}
): Promise<void> {
	const token = await fetchToken(decodeSecret(link.key));
	const response = await reach(send, transferPath(link.id), {
		method: 'DELETE',
		headers: { authorization: `Bearer ${token}` }
	});
	if (response.ok || response.status === 404) return;
	throw new TransferError('network', `The link could not be cancelled: ${await refusal(response)}`);
}
