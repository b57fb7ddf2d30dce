import { describe, expect, it } from 'vitest';
import { editDistance, looseNameKey, matchJoiner, mayConfirm, type RosterCandidate } from './match';

const roster: RosterCandidate[] = [
	{ id: 'r1', name: 'Ana Lima', studentNumber: '1001', claimed: false },
	{ id: 'r2', name: 'José Álvarez', studentNumber: '1002', claimed: false },
	{ id: 'r3', name: 'Bo Chen', studentNumber: null, claimed: false },
	{ id: 'r4', name: 'Kim Park', studentNumber: '1004', claimed: true },
	{ id: 'r5', name: 'Christopher Jones', studentNumber: null, claimed: false }
];

describe('matchJoiner', () => {
	it('matches by student number first, whatever the name, spaces and case ignored', () => {
		expect(matchJoiner({ name: 'Someone', studentNumber: ' 1001 ' }, roster)).toEqual({
			kind: 'matched',
			rosterId: 'r1'
		});
	});

	it('leaves pending a number that belongs to a claimed entry', () => {
		expect(matchJoiner({ name: 'Kim Park', studentNumber: '1004' }, roster)).toEqual({
			kind: 'pending'
		});
	});

	it('matches an exact name (NFC, spaces collapsed) when no number contradicts it', () => {
		expect(matchJoiner({ name: '  Bo   Chen ' }, roster)).toEqual({
			kind: 'matched',
			rosterId: 'r3'
		});
		expect(matchJoiner({ name: 'Jose\u0301 Álvarez' }, roster)).toEqual({
			kind: 'matched',
			rosterId: 'r2'
		});
		// The same name with another number: asked to confirm, not matched.
		expect(matchJoiner({ name: 'Ana Lima', studentNumber: '9999' }, roster)).toEqual({
			kind: 'confirm',
			candidates: [roster[0]]
		});
	});

	it('offers near names (case, accents, word order, typos) to confirm, nearest first', () => {
		expect(matchJoiner({ name: 'jose alvarez' }, roster)).toMatchObject({
			kind: 'confirm',
			candidates: [{ id: 'r2' }]
		});
		expect(matchJoiner({ name: 'Lima Ana' }, roster)).toMatchObject({ candidates: [{ id: 'r1' }] });
		expect(matchJoiner({ name: 'Cristopher Jnes' }, roster)).toMatchObject({
			candidates: [{ id: 'r5' }]
		});
		expect(matchJoiner({ name: 'Kim Park' }, roster)).toEqual({ kind: 'pending' });
	});

	it('leaves pending a name too far from every entry, and an empty roster', () => {
		expect(matchJoiner({ name: 'Zed Quux' }, roster)).toEqual({ kind: 'pending' });
		expect(matchJoiner({ name: 'Ana Lima' }, [])).toEqual({ kind: 'pending' });
	});

	it('lets a joiner confirm only an entry it was offered', () => {
		expect(mayConfirm({ name: 'jose alvarez' }, roster, 'r2')).toBe(true);
		expect(mayConfirm({ name: 'jose alvarez' }, roster, 'r1')).toBe(false);
		expect(mayConfirm({ name: 'Zed' }, roster, 'r1')).toBe(false);
	});
});

describe('the name helpers', () => {
	it('fold accents and case, and count edits with an early stop', () => {
		expect(looseNameKey('  José-Álvarez! ')).toBe('jose alvarez');
		expect(editDistance('kitten', 'sitting', 5)).toBe(3);
		expect(editDistance('kitten', 'sitting', 1)).toBe(2);
	});
});
