import {
	TRANSFER_FORMAT_VERSION,
	TRANSFER_HEADER_BYTES,
	TRANSFER_IV_BYTES,
	TRANSFER_MAGIC,
	envelopeProblem
} from '$lib/api/transfers';

// End-to-end encryption of a device transfer, on Web Crypto only (the browser's, or Node's in
// tests). Pure: randomness comes in as an argument, and nothing here touches the network, the
// DOM or storage.
//
// The link holds a random 256-bit secret. HKDF-SHA-256 derives from it, per format version, the
// AES-GCM-256 key and a fetch token (the server stores only the token's SHA-256 and releases the
// ciphertext to whoever shows the token, so a link with a wrong key is refused without using the
// transfer up). Neither the secret nor the AES key can be computed from the token.
//
// Envelope, version 1: "MRDT" | 0x01 | IV (12 random bytes) | AES-GCM ciphertext and 16-byte tag,
// with the first 5 bytes (magic and version) as additional authenticated data.

/** Fills `bytes` with cryptographically strong random values and returns it (crypto.getRandomValues). */
export type RandomFill = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;

export const SECRET_BYTES = 32;

export type TransferFailure = 'key' | 'format' | 'version' | 'truncated' | 'authentication';

/** The transfer cannot be decrypted; `reason` says why, the message says it for a person. */
export class TransferCryptoError extends Error {
	constructor(
		readonly reason: TransferFailure,
		message: string
	) {
		super(message);
		this.name = 'TransferCryptoError';
	}
}

const INFO_ENCRYPT = 'meridian/transfer/v1/encrypt';
const INFO_FETCH = 'meridian/transfer/v1/fetch';
const encoder = new TextEncoder();

/** A new random secret for one transfer. */
export function newSecret(random: RandomFill): Uint8Array<ArrayBuffer> {
	const secret = random(new Uint8Array(SECRET_BYTES));
	if (secret.length !== SECRET_BYTES) throw new Error('random source returned the wrong length');
	return secret;
}

/** Bytes as base64url without padding. */
export function toBase64url(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** base64url (without padding) as bytes; null when the text is not base64url. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
	const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The secret as it is written in the link. */
export const encodeSecret = (secret: Uint8Array): string => toBase64url(secret);

/** The secret from the link; a wrong length or alphabet is a `key` failure. */
export function decodeSecret(text: string): Uint8Array<ArrayBuffer> {
	const bytes = fromBase64url(text);
	if (!bytes || bytes.length !== SECRET_BYTES || toBase64url(bytes) !== text) {
		throw new TransferCryptoError(
			'key',
			'The key in this link is damaged or incomplete: copy the whole link again.'
		);
	}
	return bytes;
}

async function hkdf(secret: Uint8Array<ArrayBuffer>, info: string) {
	const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
	return crypto.subtle.deriveBits(
		{ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: encoder.encode(info) },
		base,
		256
	);
}

async function aesKey(secret: Uint8Array<ArrayBuffer>, usage: KeyUsage): Promise<CryptoKey> {
	const bits = await hkdf(secret, INFO_ENCRYPT);
	return crypto.subtle.importKey('raw', bits, 'AES-GCM', false, [usage]);
}

/** The token that lets the holder of the link fetch the ciphertext (base64url, 43 characters). */
export async function fetchToken(secret: Uint8Array<ArrayBuffer>): Promise<string> {
	return toBase64url(new Uint8Array(await hkdf(secret, INFO_FETCH)));
}

function header(iv: Uint8Array): Uint8Array<ArrayBuffer> {
	const head = new Uint8Array(TRANSFER_HEADER_BYTES);
	head.set(TRANSFER_MAGIC, 0);
	head[TRANSFER_MAGIC.length] = TRANSFER_FORMAT_VERSION;
	head.set(iv, TRANSFER_MAGIC.length + 1);
	return head;
}

/** Encrypts `plaintext` under the secret, with a fresh random IV: the envelope's bytes. */
export async function encryptTransfer(
	plaintext: Uint8Array<ArrayBuffer>,
	secret: Uint8Array<ArrayBuffer>,
	random: RandomFill
): Promise<Uint8Array<ArrayBuffer>> {
	const iv = random(new Uint8Array(TRANSFER_IV_BYTES));
	const head = header(iv);
	const sealed = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: head.subarray(0, TRANSFER_MAGIC.length + 1) },
		await aesKey(secret, 'encrypt'),
		plaintext
	);
	const envelope = new Uint8Array(head.length + sealed.byteLength);
	envelope.set(head, 0);
	envelope.set(new Uint8Array(sealed), head.length);
	return envelope;
}

/**
 * Decrypts an envelope. Throws a {@link TransferCryptoError}: `format`, `version` or `truncated`
 * for framing this app cannot read, `authentication` when the key is wrong or any byte changed.
 */
export async function decryptTransfer(
	envelope: Uint8Array<ArrayBuffer>,
	secret: Uint8Array<ArrayBuffer>
): Promise<Uint8Array<ArrayBuffer>> {
	const problem = envelopeProblem(envelope);
	if (problem?.startsWith('not a')) {
		throw new TransferCryptoError('format', 'This is not a Meridian transfer.');
	}
	if (problem?.startsWith('format version')) {
		throw new TransferCryptoError(
			'version',
			`This transfer was made by a newer version of Meridian (${problem}): update the app on this device first.`
		);
	}
	if (problem) {
		throw new TransferCryptoError('truncated', 'The transfer is incomplete (it was cut short).');
	}
	const iv = envelope.subarray(TRANSFER_MAGIC.length + 1, TRANSFER_HEADER_BYTES);
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv, additionalData: envelope.subarray(0, TRANSFER_MAGIC.length + 1) },
			await aesKey(secret, 'decrypt'),
			envelope.subarray(TRANSFER_HEADER_BYTES)
		);
		return new Uint8Array(plain);
	} catch {
		throw new TransferCryptoError(
			'authentication',
			'The transfer could not be decrypted: the key does not match, or the data was changed on the way.'
		);
	}
}
