import { constants, crc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/random';
import {
	crc32Combine,
	gzipPiece,
	joinGzip,
	openEnded,
	walkDeflate,
	type DeflatePiece
} from './gzip-join';

const encoder = new TextEncoder();

/** Text with repeats (back-references), new words (literals) and every byte length. */
function text(random: () => number, size: number): string {
	const words = ['log-', 'card-', '[4,"', '"study",', '1767600000000,', '3.25,', 'null,', '\n'];
	let out = '';
	while (out.length < size) {
		out +=
			random() < 0.7
				? words[Math.floor(random() * words.length)]!
				: String.fromCharCode(32 + Math.floor(random() * 90));
	}
	return out.slice(0, size);
}

const browserGzip = async (value: string) =>
	new Uint8Array(
		await new Response(
			new Blob([value]).stream().pipeThrough(new CompressionStream('gzip'))
		).arrayBuffer()
	);
const browserGunzip = (parts: Uint8Array[]) =>
	new Response(
		new Blob(parts as BlobPart[]).stream().pipeThrough(new DecompressionStream('gzip'))
	).text();

const pieceOf = (value: string, options: object): DeflatePiece => {
	const bytes = encoder.encode(value);
	return {
		body: new Uint8Array(deflateRawSync(bytes, options)),
		crc: crc32(bytes),
		size: bytes.length
	};
};

describe('joining deflate pieces into one gzip member', () => {
	it('combines CRC-32s as the CRC of the joined bytes', () => {
		const random = seededRandom(7);
		for (const [a, b] of [
			[0, 0],
			[5, 0],
			[0, 9],
			[1000, 1],
			[3, 70_000]
		] as const) {
			const first = encoder.encode(text(random, a));
			const second = encoder.encode(text(random, b));
			const both = new Uint8Array([...first, ...second]);
			expect(crc32Combine(crc32(first), crc32(second), second.length)).toBe(crc32(both));
		}
	});

	it('finds the last block of stored, fixed and dynamic deflate data', () => {
		const random = seededRandom(11);
		for (const options of [
			{ level: 0 },
			{ strategy: constants.Z_FIXED },
			{ level: 6 },
			{ level: 9, memLevel: 1 }
		]) {
			for (const size of [0, 1, 300, 70_000, 400_000]) {
				const piece = pieceOf(text(random, size), options);
				const { last, end } = walkDeflate(piece.body);
				expect(last).toBeLessThan(end);
				// The end is in the last byte: nothing follows the last block but its padding.
				expect((end + 7) >> 3).toBe(piece.body.length);
				// Its BFINAL bit is set, and it is the only block that has one set to end the data.
				expect((piece.body[last >> 3]! >> (last & 7)) & 1).toBe(1);
			}
		}
	});

	it('joins browser-compressed pieces into one member that one DecompressionStream reads', async () => {
		const random = seededRandom(3);
		const texts = [0, 1, 17, 5000, 120_000, 2, 64_000].map((size) => text(random, size));
		const pieces = await Promise.all(texts.map(async (t) => gzipPiece(await browserGzip(t))));
		const open = pieces.slice(0, -1).map(openEnded);
		const parts = joinGzip(open, pieces.at(-1)!);
		expect(await browserGunzip(parts)).toBe(texts.join(''));
		// zlib reads it as one member too (a trailer that did not match would fail here).
		const joined = new Uint8Array(parts.flatMap((p) => [...p]));
		expect(new TextDecoder().decode(gunzipSync(joined))).toBe(texts.join(''));
	});

	it('joins pieces of every block type, and an open piece stays open when joined again', async () => {
		const random = seededRandom(5);
		const texts = [300, 70_000, 0, 9000].map((size) => text(random, size));
		const kinds = [{ level: 0 }, { strategy: constants.Z_FIXED }, { level: 6 }, { level: 1 }];
		const pieces = texts.map((t, i) => pieceOf(t, kinds[i]!));
		const parts = joinGzip(pieces.slice(0, -1).map(openEnded), pieces.at(-1)!);
		expect(await browserGunzip(parts)).toBe(texts.join(''));
		const final = gzipPiece(new Uint8Array(gzipSync(encoder.encode('end'))));
		expect(await browserGunzip(joinGzip([], final))).toBe('end');
	});

	it('refuses what is not gzip or not whole deflate data', () => {
		expect(() => gzipPiece(new Uint8Array(20))).toThrow('not a gzip member');
		const piece = pieceOf(text(seededRandom(1), 50_000), { level: 6 });
		expect(() => walkDeflate(piece.body.subarray(0, piece.body.length >> 1))).toThrow(
			'damaged deflate data'
		);
		expect(() => walkDeflate(new Uint8Array([0xff, 0xff]))).toThrow('damaged deflate data');
	});
});
