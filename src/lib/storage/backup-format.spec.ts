import { describe, expect, it } from 'vitest';
import { studiedState } from './fixtures/backup';
import {
	CARD_STATE_FIELDS,
	REVIEW_LOG_FIELDS,
	decodeRecord,
	encodeRecord,
	sameColumns
} from './backup-format';

const NOW = Date.UTC(2026, 0, 5);
const review = (previous: object | null) => ({
	id: 'log-1',
	cardId: 'card-1',
	rating: 3,
	reviewedAt: NOW,
	source: 'study',
	previous,
	state: 2,
	due: NOW + 86_400_000,
	stability: 3.2,
	difficulty: 5.1,
	scheduledDays: 1,
	elapsedDays: 0,
	durationMs: 4000
});

describe('compact backup lines', () => {
	it('round-trips a review (with and without its earlier state) and a card state', () => {
		for (const [store, record] of [
			['reviewLogs', review(studiedState(NOW - 86_400_000, 'card-1'))],
			['reviewLogs', review(null)],
			['cardStates', studiedState(NOW, 'card-2')]
		] as const) {
			const line = JSON.parse(encodeRecord(store, 4, record));
			expect(line[0]).toBe(4);
			expect(decodeRecord(store, line)).toEqual(record);
		}
	});

	it('names no field on the line, and writes the earlier state as values too', () => {
		const text = encodeRecord('reviewLogs', 4, review(studiedState(NOW, 'card-1')));
		for (const field of [...REVIEW_LOG_FIELDS, ...CARD_STATE_FIELDS])
			expect(text).not.toContain(`"${field}"`);
		expect(JSON.parse(text)[1 + REVIEW_LOG_FIELDS.indexOf('previous')]).toHaveLength(
			CARD_STATE_FIELDS.length
		);
	});

	it('keeps other stores as one object, and refuses lines of the wrong shape', () => {
		const mark = { cardId: 'x', suspended: true, buriedUntil: null, flag: null, updatedAt: 1 };
		expect(encodeRecord('cardMarks', 2, mark)).toBe(JSON.stringify([2, mark]));
		expect(decodeRecord('cardMarks', [2, mark])).toEqual(mark);
		expect(decodeRecord('cardMarks', [2, mark, 1])).toBeUndefined();
		const line = JSON.parse(encodeRecord('reviewLogs', 4, review(studiedState(NOW, 'c'))));
		expect(decodeRecord('reviewLogs', line.slice(0, -1))).toBeUndefined();
		line[1 + REVIEW_LOG_FIELDS.indexOf('previous')].pop();
		expect(decodeRecord('reviewLogs', line)).toBeUndefined();
	});

	it('writes a missing field as null, so the import names it', () => {
		const old: Partial<ReturnType<typeof review>> = review(null);
		delete old.durationMs;
		const line = JSON.parse(encodeRecord('reviewLogs', 4, old));
		expect((decodeRecord('reviewLogs', line) as { durationMs: unknown }).durationMs).toBeNull();
	});

	it('knows its own columns and no others', () => {
		expect(sameColumns({ cardStates: CARD_STATE_FIELDS, reviewLogs: REVIEW_LOG_FIELDS })).toBe(
			true
		);
		expect(sameColumns({ cardStates: CARD_STATE_FIELDS })).toBe(false);
		expect(
			sameColumns({ cardStates: CARD_STATE_FIELDS, reviewLogs: REVIEW_LOG_FIELDS.slice(1) })
		).toBe(false);
	});
});
