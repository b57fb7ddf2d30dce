import { describe, expect, it } from 'vitest';
import type { DashboardCell } from '$lib/api';
import { gradebookCsv } from './gradebook';
import { recallOf } from './recall';
import { recallAt } from '$lib/srs/recall';

const cell = (over: Partial<DashboardCell>): DashboardCell => ({
	status: 'submitted',
	score: null,
	passed: null,
	attempts: 1,
	extendedTo: null,
	overtime: false,
	cardsStudied: null,
	recall: null,
	...over
});

const column = (code: string, title: string, mode: 'quiz' | 'review', itemCount: number) => ({
	code,
	title,
	mode,
	deckId: 'all',
	dueAt: '2099-01-01T00:00:00.000Z',
	createdAt: '2026-01-01T00:00:00.000Z',
	closed: false,
	timeLimitMinutes: null,
	shuffle: false,
	itemCount
});

describe('gradebookCsv', () => {
	it('writes one row per student: name, number, scores or blank; formulas neutralised; no BOM', () => {
		const csv = gradebookCsv({
			assignments: [
				column('AAAAAAA', 'Quiz 1, history', 'quiz', 5),
				column('BBBBBBB', 'Review', 'review', 3)
			],
			students: [
				{
					studentId: 's1',
					rosterId: 'r1',
					name: '=HYPERLINK("x")',
					studentNumber: '1001',
					status: 'matched',
					timeMultiplier: 1,
					cells: [cell({ score: 80 }), cell({ cardsStudied: 2 })]
				},
				{
					studentId: null,
					rosterId: 'r2',
					name: 'Bo "B" Chen',
					studentNumber: null,
					status: 'not joined',
					timeMultiplier: 1,
					cells: [cell({ status: 'missing', attempts: 0 }), cell({ cardsStudied: 0 })]
				}
			]
		});
		expect(csv.charCodeAt(0)).not.toBe(0xfeff);
		expect(csv).toBe(
			'Student,SIS User ID,"Quiz 1, history (AAAAAAA)",Review (BBBBBBB)\r\n' +
				`"'=HYPERLINK(""x"")",1001,80,66.7\r\n` +
				'"Bo ""B"" Chen",,,\r\n'
		);
	});
});

describe('recallOf', () => {
	it('is the forgetting curve the student map uses', () => {
		const now = Date.UTC(2026, 11, 1);
		const state = { stability: 4.5, last_review: now - 3 * 86_400_000, state: 2 };
		const fromApp = recallAt(
			{
				cardId: 'c',
				due: now,
				stability: 4.5,
				difficulty: 5,
				elapsedDays: 0,
				scheduledDays: 0,
				learningSteps: 0,
				reps: 3,
				lapses: 0,
				state: 2,
				lastReview: now - 3 * 86_400_000,
				lastLogId: null
			},
			now
		);
		expect(recallOf(state, now)).toBeCloseTo(fromApp!, 7);
		expect(recallOf({ ...state, state: 0 }, now)).toBeNull();
		expect(recallOf({ ...state, last_review: null }, now)).toBeNull();
	});
});
