import { describe, expect, it } from 'vitest';
import { validate, NewSubmissionSchema } from './schemas';
import { submissionBody } from './submission';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const ann = { studentId: 'student-1', name: 'Ann', studentNumber: '' };

describe('submissionBody', () => {
	it('sends a quiz attempt’s card and response only, and no empty student number', () => {
		const body = submissionBody(ann, {
			id: 'attempt-1',
			answers: [
				{ cardId: 'c1', response: { kind: 'text', text: 'Gazprom' }, score: 1, correct: true } as {
					cardId: string;
					response: { kind: 'text'; text: string };
				}
			],
			startedAt: MOCK_NOW - 60_000,
			finishedAt: MOCK_NOW
		});
		expect(body).toEqual({
			id: 'attempt-1',
			studentId: 'student-1',
			name: 'Ann',
			answers: [{ cardId: 'c1', response: { kind: 'text', text: 'Gazprom' } }],
			startedAt: MOCK_NOW - 60_000,
			finishedAt: MOCK_NOW
		});
		expect(validate(NewSubmissionSchema, body).ok).toBe(true);
	});

	it('sends a review report with the cards studied and the student number', () => {
		const body = submissionBody(
			{ ...ann, studentNumber: 'S-12' },
			{ id: 'report-1', reviewed: ['b'], startedAt: MOCK_NOW - 60_000, finishedAt: MOCK_NOW }
		);
		expect(body).toMatchObject({ studentNumber: 'S-12', answers: [], reviewed: ['b'] });
		expect(validate(NewSubmissionSchema, body).ok).toBe(true);
	});
});
