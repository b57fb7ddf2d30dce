import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { NewAssignmentSchema, NewSubmissionSchema, validate } from './schemas';

// A date-time without a zone would be read in the server's own time zone: the API refuses it,
// naming the field; a date alone is midnight UTC (docs/api.md).
const quiz = {
	title: 'Quiz',
	deckId: 'history',
	mode: 'quiz',
	questionCount: 5,
	passMark: 0.6,
	dueAt: '2026-01-10T17:00:00Z'
};

describe('time zones in dates', () => {
	it.each(['2026-01-10T17:00', '2026-01-10T17:00:00', '2026-01-10T17:00:00.000'])(
		'refuses dueAt %s without a zone, naming the field',
		(dueAt) => {
			expect(validate(NewAssignmentSchema as v.GenericSchema, { ...quiz, dueAt })).toEqual({
				ok: false,
				error: 'dueAt: a date with a time needs its time zone: Z or an offset such as +02:00'
			});
		}
	);

	it.each([
		['2026-01-10T17:00:00Z', '2026-01-10T17:00:00.000Z'],
		['2026-01-10T17:00+02:00', '2026-01-10T15:00:00.000Z'],
		['2026-01-10T17:00:00-0500', '2026-01-10T22:00:00.000Z'],
		['2026-01-10', '2026-01-10T00:00:00.000Z']
	])('takes dueAt %s as %s', (dueAt, instant) => {
		const result = validate(NewAssignmentSchema as v.GenericSchema, { ...quiz, dueAt });
		expect(result.ok).toBe(true);
		expect(new Date(Date.parse(dueAt)).toISOString()).toBe(instant);
	});

	it('refuses a submission time without a zone too', () => {
		const body = {
			id: 'sub-00000001',
			studentId: 'student-0001',
			name: 'Ana',
			startedAt: '2026-01-04T10:00',
			finishedAt: '2026-01-04T10:05:00Z'
		};
		expect(validate(NewSubmissionSchema as v.GenericSchema, body)).toEqual({
			ok: false,
			error: 'startedAt: a date with a time needs its time zone: Z or an offset such as +02:00'
		});
	});
});
