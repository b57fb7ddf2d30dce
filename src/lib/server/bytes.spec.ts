import { describe, expect, it } from 'vitest';
import { readAtMost } from './bytes';

/** A reader over `chunks`, then the end of the stream or `fail`. */
function readerOf(chunks: number[][], fail?: Error) {
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			const next = chunks.shift();
			if (next) controller.enqueue(new Uint8Array(next));
			else if (fail) controller.error(fail);
			else controller.close();
		}
	});
	return stream.getReader();
}

describe('readAtMost', () => {
	it('joins the chunks in order', async () => {
		const reader = readerOf([[1, 2], [3], [], [4, 5, 6]]);
		expect(await readAtMost(reader, 100)).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6]));
	});

	it('reads an empty stream as no bytes', async () => {
		const reader = readerOf([]);
		expect(await readAtMost(reader, 0)).toEqual(new Uint8Array());
	});

	it('takes exactly the limit', async () => {
		const reader = readerOf([
			[1, 2],
			[3, 4]
		]);
		expect(await readAtMost(reader, 4)).toEqual(new Uint8Array([1, 2, 3, 4]));
	});

	it('gives null one byte past the limit and leaves the rest unread', async () => {
		const reader = readerOf([[1, 2], [3, 4, 5], [6], [7]]);
		expect(await readAtMost(reader, 4)).toBeNull();
		// The caller reads on (or cancels) from the chunk after the one that passed the cap.
		expect(await reader.read()).toEqual({ done: false, value: new Uint8Array([6]) });
	});

	it('throws a read error as it is', async () => {
		const broken = new Error('connection reset');
		const reader = readerOf([[1]], broken);
		await expect(readAtMost(reader, 100)).rejects.toBe(broken);
	});
});
