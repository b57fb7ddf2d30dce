// Joining separately compressed pieces into ONE gzip member, byte for byte what a reader of one
// gzip stream accepts. Chromium's DecompressionStream refuses a file of several gzip members
// ("Junk found after end of compressed data"), so the backup's sealed pieces (log-chunks.ts)
// cannot simply be concatenated as gzip files. Instead each piece's deflate data is made
// open-ended: the BFINAL bit of its last block is cleared and an empty stored block (what zlib's
// sync flush writes) brings it to a byte boundary, so the next piece's deflate data can follow.
// The member's CRC-32 is combined from the pieces' own (zlib's crc32_combine), and its length is
// the sum of theirs. Pure code: no IndexedDB, no DOM.

/** A piece of deflate data with the CRC-32 and length of what it unpacks to. */
export interface DeflatePiece {
	/** Raw deflate data (no gzip header or trailer). */
	body: Uint8Array<ArrayBuffer>;
	/** CRC-32 of the unpacked bytes. */
	crc: number;
	/** How many bytes it unpacks to. */
	size: number;
}

/** The deflate data, CRC-32 and length of one gzip member (as CompressionStream writes it). */
export function gzipPiece(member: Uint8Array<ArrayBuffer>): DeflatePiece {
	if (member.length < 18 || member[0] !== 0x1f || member[1] !== 0x8b || member[2] !== 8)
		throw new Error('not a gzip member');
	const flags = member[3]!;
	let at = 10;
	if (flags & 4) at += 2 + (member[at]! | (member[at + 1]! << 8)); // FEXTRA
	if (flags & 8) while (member[at++] !== 0); // FNAME
	if (flags & 16) while (member[at++] !== 0); // FCOMMENT
	if (flags & 2) at += 2; // FHCRC
	const end = member.length - 8;
	const view = new DataView(member.buffer, member.byteOffset, member.byteLength);
	return {
		body: member.slice(at, end),
		crc: view.getUint32(end, true),
		size: view.getUint32(end + 4, true)
	};
}

/**
 * The same deflate data made open-ended: its last block no longer ends the stream, and an empty
 * stored block pads it to a byte, so more deflate data may follow it.
 */
export function openEnded(piece: DeflatePiece): DeflatePiece {
	const { last, end } = walkDeflate(piece.body);
	const used = (end + 7) >> 3;
	// The stored block's three header bits (BFINAL 0, type 00) follow `end`; then LEN 0, NLEN ~0.
	const aligned = (end + 3 + 7) >> 3;
	const body = new Uint8Array(aligned + 4);
	body.set(piece.body.subarray(0, used));
	body[last >> 3]! &= ~(1 << (last & 7));
	if (end & 7) body[end >> 3]! &= (1 << (end & 7)) - 1;
	body.set([0, 0, 0xff, 0xff], aligned);
	return { body, crc: piece.crc, size: piece.size };
}

/**
 * One gzip member made of `open` pieces (each {@link openEnded}) followed by `final`, whose last
 * block ends the stream. Returns the member's parts, in order, for a Blob.
 */
export function joinGzip(open: readonly DeflatePiece[], final: DeflatePiece): Uint8Array[] {
	let crc = 0;
	let size = 0;
	for (const piece of [...open, final]) {
		crc = crc32Combine(crc, piece.crc, piece.size);
		size = (size + piece.size) % 0x1_0000_0000;
	}
	const header = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
	const trailer = new Uint8Array(8);
	const view = new DataView(trailer.buffer);
	view.setUint32(0, crc >>> 0, true);
	view.setUint32(4, size, true);
	return [header, ...open.map((piece) => piece.body), final.body, trailer];
}

// CRC-32 combination over GF(2), as zlib's crc32_combine: the CRC of A followed by B from the
// CRCs of A and B and the length of B, in O(log length) 32 x 32 matrix products.

function times(matrix: Uint32Array, vector: number): number {
	let sum = 0;
	for (let i = 0; vector !== 0; i++, vector >>>= 1) if (vector & 1) sum ^= matrix[i]!;
	return sum >>> 0;
}

function square(into: Uint32Array, matrix: Uint32Array): void {
	for (let n = 0; n < 32; n++) into[n] = times(matrix, matrix[n]!);
}

/** The CRC-32 of A then B, from A's CRC, B's CRC and B's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
	if (lengthB <= 0) return crcA >>> 0;
	const even = new Uint32Array(32);
	const odd = new Uint32Array(32);
	odd[0] = 0xedb88320; // the CRC-32 polynomial: the operator for one zero bit
	for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
	square(even, odd); // two zero bits
	square(odd, even); // four zero bits
	let crc = crcA >>> 0;
	let length = lengthB;
	for (;;) {
		square(even, odd);
		if (length % 2 === 1) crc = times(even, crc);
		length = Math.floor(length / 2);
		if (length === 0) break;
		square(odd, even);
		if (length % 2 === 1) crc = times(odd, crc);
		length = Math.floor(length / 2);
		if (length === 0) break;
	}
	return (crc ^ crcB) >>> 0;
}

// A walk through deflate data (RFC 1951) that finds where its last block starts and where it
// ends, decoding every code but writing nothing (after Mark Adler's puff.c).

const LENGTH_EXTRA = [
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
];
const DISTANCE_EXTRA = [
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman {
	count: Uint16Array;
	symbol: Uint16Array;
}

function huffman(lengths: ArrayLike<number>, from: number, n: number): Huffman {
	const count = new Uint16Array(16);
	for (let i = 0; i < n; i++) count[lengths[from + i]!]!++;
	const offsets = new Uint16Array(16);
	for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len]! + count[len]!;
	const symbol = new Uint16Array(n);
	for (let i = 0; i < n; i++) {
		const len = lengths[from + i]!;
		if (len !== 0) symbol[offsets[len]!++] = i;
	}
	return { count, symbol };
}

const FIXED = (() => {
	const lengths = new Uint8Array(288 + 30);
	lengths.fill(8, 0, 144);
	lengths.fill(9, 144, 256);
	lengths.fill(7, 256, 280);
	lengths.fill(8, 280, 288);
	lengths.fill(5, 288);
	return { lengths: huffman(lengths, 0, 288), distances: huffman(lengths, 288, 30) };
})();

const damaged = () => new Error('damaged deflate data');

/** Where the last block of `data` starts and where it ends (bit offsets from its start). */
export function walkDeflate(data: Uint8Array): { last: number; end: number } {
	let at = 0;
	let buffer = 0;
	let held = 0;
	const bits = (n: number): number => {
		while (held < n) {
			if (at >= data.length) throw damaged();
			buffer |= data[at++]! << held;
			held += 8;
		}
		const value = buffer & ((1 << n) - 1);
		buffer >>>= n;
		held -= n;
		return value;
	};
	const decode = ({ count, symbol }: Huffman): number => {
		let code = 0;
		let first = 0;
		let index = 0;
		for (let len = 1; len < 16; len++) {
			code |= bits(1);
			const n = count[len]!;
			if (code - n < first) return symbol[index + (code - first)]!;
			index += n;
			first = (first + n) << 1;
			code <<= 1;
		}
		throw damaged();
	};
	const codes = (lengths: Huffman, distances: Huffman) => {
		for (;;) {
			const symbol = decode(lengths);
			if (symbol < 256) continue;
			if (symbol === 256) return;
			const length = symbol - 257;
			if (length >= 29) throw damaged();
			bits(LENGTH_EXTRA[length]!);
			const distance = decode(distances);
			if (distance >= 30) throw damaged();
			bits(DISTANCE_EXTRA[distance]!);
		}
	};
	for (;;) {
		const start = at * 8 - held;
		const final = bits(1);
		const type = bits(2);
		if (type === 0) {
			buffer = 0;
			held = 0;
			if (at + 4 > data.length) throw damaged();
			const length = data[at]! | (data[at + 1]! << 8);
			at += 4 + length;
			if (at > data.length) throw damaged();
		} else if (type === 1) codes(FIXED.lengths, FIXED.distances);
		else if (type === 2) {
			const nLengths = bits(5) + 257;
			const nDistances = bits(5) + 1;
			const nCodes = bits(4) + 4;
			const order = new Uint8Array(19);
			for (let i = 0; i < nCodes; i++) order[CODE_LENGTH_ORDER[i]!] = bits(3);
			const lengthCode = huffman(order, 0, 19);
			const lengths = new Uint8Array(nLengths + nDistances);
			for (let i = 0; i < lengths.length;) {
				const symbol = decode(lengthCode);
				if (symbol < 16) {
					lengths[i++] = symbol;
					continue;
				}
				let value = 0;
				let repeat: number;
				if (symbol === 16) {
					if (i === 0) throw damaged();
					value = lengths[i - 1]!;
					repeat = 3 + bits(2);
				} else repeat = symbol === 17 ? 3 + bits(3) : 11 + bits(7);
				if (i + repeat > lengths.length) throw damaged();
				lengths.fill(value, i, i + repeat);
				i += repeat;
			}
			codes(huffman(lengths, 0, nLengths), huffman(lengths, nLengths, nDistances));
		} else throw damaged();
		if (final) return { last: start, end: at * 8 - held };
	}
}
