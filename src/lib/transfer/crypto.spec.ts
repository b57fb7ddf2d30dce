import { describe, expect, it } from 'vitest';
import { TRANSFER_HEADER_BYTES, TRANSFER_KEY_LENGTH, envelopeProblem } from '$lib/api/transfers';
import {
	TransferCryptoError,
	decodeSecret,
	decryptTransfer,
	encodeSecret,
	encryptTransfer,
	fetchToken,
	fromBase64url,
	newSecret,
	toBase64url,
	type RandomFill
} from './crypto';

const random: RandomFill = (bytes) => crypto.getRandomValues(bytes);
/** A source that gives the same bytes every time, to show what the IV depends on. */
const fixed: RandomFill = (bytes) => bytes.fill(7);
const plaintext = new TextEncoder().encode(
	JSON.stringify({ app: 'meridian', cardStates: [{ cardId: 'history-001' }] })
);

async function failure(promise: Promise<unknown>): Promise<TransferCryptoError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(TransferCryptoError);
	return error as TransferCryptoError;
}

describe('transfer encryption', () => {
	it('round-trips, and the envelope holds no plaintext', async () => {
		const secret = newSecret(random);
		const envelope = await encryptTransfer(plaintext, secret, random);
		expect(envelopeProblem(envelope)).toBeNull();
		expect(envelope.length).toBe(TRANSFER_HEADER_BYTES + plaintext.length + 16);
		expect(new TextDecoder('latin1').decode(envelope)).not.toContain('history-001');
		expect(await decryptTransfer(envelope, secret)).toEqual(plaintext);
	});

	it('uses a fresh IV from the random source for every encryption', async () => {
		const secret = newSecret(random);
		const a = await encryptTransfer(plaintext, secret, random);
		const b = await encryptTransfer(plaintext, secret, random);
		expect(toBase64url(a)).not.toBe(toBase64url(b));
		const c = await encryptTransfer(plaintext, secret, fixed);
		expect([...c.subarray(5, TRANSFER_HEADER_BYTES)]).toEqual(new Array(12).fill(7));
	});

	it('refuses a wrong key', async () => {
		const envelope = await encryptTransfer(plaintext, newSecret(random), random);
		const error = await failure(decryptTransfer(envelope, newSecret(random)));
		expect(error.reason).toBe('authentication');
		expect(error.message).toMatch(/key does not match/);
	});

	it('refuses any tampered byte: header, IV, ciphertext or tag', async () => {
		const secret = newSecret(random);
		const envelope = await encryptTransfer(plaintext, secret, random);
		for (const index of [5, 10, TRANSFER_HEADER_BYTES + 3, envelope.length - 1]) {
			const tampered = envelope.slice();
			tampered[index]! ^= 0x01;
			expect((await failure(decryptTransfer(tampered, secret))).reason).toBe('authentication');
		}
	});

	it('refuses a truncated envelope', async () => {
		const secret = newSecret(random);
		const envelope = await encryptTransfer(plaintext, secret, random);
		expect((await failure(decryptTransfer(envelope.slice(0, -1), secret))).reason).toBe(
			'authentication'
		);
		expect((await failure(decryptTransfer(envelope.slice(0, 20), secret))).reason).toBe(
			'truncated'
		);
		expect((await failure(decryptTransfer(envelope.slice(0, 4), secret))).reason).toBe('truncated');
	});

	it('refuses another format version and what is not a transfer', async () => {
		const secret = newSecret(random);
		const envelope = await encryptTransfer(plaintext, secret, random);
		const newer = envelope.slice();
		newer[4] = 2;
		const error = await failure(decryptTransfer(newer, secret));
		expect(error.reason).toBe('version');
		expect(error.message).toMatch(/newer version/);
		const junk = new TextEncoder().encode('{"app":"meridian"} and more bytes than a header');
		expect((await failure(decryptTransfer(junk, secret))).reason).toBe('format');
	});

	it('writes the secret as 43 base64url characters and reads back only exactly that', () => {
		const secret = newSecret(random);
		const text = encodeSecret(secret);
		expect(text).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(text).toHaveLength(TRANSFER_KEY_LENGTH);
		expect(decodeSecret(text)).toEqual(secret);
		for (const bad of [text.slice(0, -1), `${text}A`, `${text.slice(0, -1)}+`, '']) {
			expect(() => decodeSecret(bad)).toThrow(TransferCryptoError);
		}
		expect(fromBase64url('a')).toBeNull();
		expect(toBase64url(new Uint8Array([251, 255]))).toBe('-_8');
	});

	it('derives a fetch token that differs from the key and depends on it', async () => {
		const secret = newSecret(random);
		const token = await fetchToken(secret);
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(token).not.toBe(encodeSecret(secret));
		expect(await fetchToken(secret)).toBe(token);
		expect(await fetchToken(newSecret(random))).not.toBe(token);
	});
});
