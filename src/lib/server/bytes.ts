// Reading a byte stream with a cap: the request bodies of http.ts. Its own module (pure: no
// SvelteKit, no database) so that its spec drives the stream's edge cases without a request.

/**
 * Reads `reader` to its end as one byte array, or returns null as soon as more than `limit`
 * bytes have come: nothing past the limit is kept and the rest is left unread, for the caller to
 * cancel or drain. A read error is thrown as it is.
 */
export async function readAtMost(
	reader: ReadableStreamDefaultReader<Uint8Array>,
	limit: number
): Promise<Uint8Array | null> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) return null;
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
