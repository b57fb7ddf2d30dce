import * as v from 'valibot';

// The device-transfer API's one definition (docs/api.md, "Transfers"), read by the server's
// validation and by the app that uploads and fetches. The server only ever holds ciphertext: the
// key travels in the link's fragment (`/move#<id>.<key>`), which browsers never send.

/** Largest ciphertext the server stores (a compressed backup of years of daily study fits). */
export const MAX_TRANSFER_BYTES = 10 * 1024 * 1024;
/** How long a transfer waits to be fetched before the server deletes it. */
export const TRANSFER_TTL_MS = 24 * 60 * 60 * 1000;

/** base64url without padding: what ids, keys and fetch tokens are written in. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** A transfer id: 16 random bytes from the server, base64url (22 characters). */
export const TRANSFER_ID_LENGTH = 22;
/** The secret in the link: 32 random bytes, base64url (43 characters). */
export const TRANSFER_KEY_LENGTH = 43;
/** The fetch token derived from the secret (HKDF-SHA-256, 32 bytes), base64url. */
export const TRANSFER_TOKEN_LENGTH = 43;

const base64url = (length: number, what: string) =>
	v.pipe(
		v.string(),
		v.length(length, `must be ${length} characters`),
		v.regex(BASE64URL, `${what} must be letters, digits, "-" or "_"`)
	);

export const TransferIdSchema = base64url(TRANSFER_ID_LENGTH, 'a transfer id');
export const TransferKeySchema = base64url(TRANSFER_KEY_LENGTH, 'a key');
export const TransferTokenSchema = base64url(TRANSFER_TOKEN_LENGTH, 'a fetch token');

/** The fragment of a move link, `<id>.<key>` (a leading `#` is allowed). */
export const TransferLinkSchema = v.pipe(
	v.string(),
	v.transform((s) => s.replace(/^#/, '').trim()),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const [id, key, ...rest] = dataset.value.split('.');
		if (rest.length > 0 || id === undefined || key === undefined) {
			addIssue({ message: 'must be <transfer id>.<key>' });
			return NEVER;
		}
		return { id, key };
	}),
	v.object({ id: TransferIdSchema, key: TransferKeySchema })
);
export type TransferLink = v.InferOutput<typeof TransferLinkSchema>;

/** 201 of `POST /api/transfers`. */
export const TransferCreatedSchema = v.object({
	id: TransferIdSchema,
	expiresAt: v.pipe(v.string(), v.isoTimestamp()),
	bytes: v.pipe(v.number(), v.integer(), v.minValue(0))
});
export type TransferCreated = v.InferOutput<typeof TransferCreatedSchema>;

/**
 * The ciphertext's envelope, which the server checks before storing (it can read the header,
 * never the content): `MRDT`, a version byte, a 12-byte IV, then AES-GCM output (at least its
 * 16-byte tag).
 */
export const TRANSFER_MAGIC = [0x4d, 0x52, 0x44, 0x54] as const; // "MRDT"
export const TRANSFER_FORMAT_VERSION = 1;
export const TRANSFER_IV_BYTES = 12;
export const TRANSFER_TAG_BYTES = 16;
export const TRANSFER_HEADER_BYTES = TRANSFER_MAGIC.length + 1 + TRANSFER_IV_BYTES;

/** What is wrong with an envelope's framing, or null when it is a version this app reads. */
export function envelopeProblem(bytes: Uint8Array): string | null {
	if (bytes.length < TRANSFER_MAGIC.length || TRANSFER_MAGIC.some((b, i) => bytes[i] !== b)) {
		return 'not a Meridian transfer (no MRDT header)';
	}
	if (bytes.length <= TRANSFER_MAGIC.length) return 'truncated before its version';
	const version = bytes[TRANSFER_MAGIC.length]!;
	if (version !== TRANSFER_FORMAT_VERSION) return `format version ${version} is not supported`;
	if (bytes.length < TRANSFER_HEADER_BYTES + TRANSFER_TAG_BYTES) return 'truncated';
	return null;
}

/** The collection's path below `/api/`, and one transfer's. */
export const TRANSFERS_PATH = 'transfers';
export const transferPath = (id: string) => `${TRANSFERS_PATH}/${encodeURIComponent(id)}`;

/** The link another device opens: the key only in the fragment. */
export const moveLink = (origin: string, id: string, key: string) => `${origin}/move#${id}.${key}`;
