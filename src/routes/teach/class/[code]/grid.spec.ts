import { describe, expect, it } from 'vitest';
import { dashboardAssignment, dashboardCell } from '$lib/api/fixtures';
import {
	cellFigure,
	cellRank,
	cellText,
	columnCounts,
	describeCell,
	nextSort,
	sortStudents,
	gridOf,
	type GridAssignment,
	type GridCell,
	type GridStudent
} from './grid';

const quiz: GridAssignment = { code: 'QUIZ234', title: 'Quiz', mode: 'quiz', dueAt: '' };
const review: GridAssignment = { code: 'REVW234', title: 'Review', mode: 'review', dueAt: '' };
const assignments = [quiz, review];

const cell = (change: Partial<GridCell>): GridCell => ({
	status: 'submitted',
	score: null,
	studied: 0,
	total: 10,
	recall: null,
	extended: false,
	overtime: false,
	...change
});
const student = (id: string, name: string, studentNumber: string, cells: GridCell[]) => ({
	id,
	name,
	studentNumber,
	joined: true,
	cells
});

const students: GridStudent[] = [
	student('a', 'bo', '20', [
		cell({ score: 70 }),
		cell({ studied: 5, recall: 0.8, status: 'submitted' })
	]),
	student('b', 'Ann', '3', [cell({ status: 'missing' }), cell({ status: 'open' })]),
	student('c', 'Cy', '', [cell({ score: 95, status: 'late' }), cell({ studied: 10, recall: 0.6 })]),
	student('d', 'Ann', '100', [cell({ status: 'open' }), cell({ status: 'missing' })])
];
const ids = (rows: GridStudent[]) => rows.map((s) => s.id);

describe('sorting the class grid', () => {
	it('sorts by name ignoring case, then by number, in both directions', () => {
		expect(
			ids(sortStudents(students, assignments, { column: 'name', direction: 'ascending' }))
		).toEqual(['b', 'd', 'a', 'c']);
		// Ties on the name keep their ascending tie-break in either direction.
		expect(
			ids(sortStudents(students, assignments, { column: 'name', direction: 'descending' }))
		).toEqual(['c', 'a', 'b', 'd']);
	});

	it('sorts numbers as numbers, students without one last either way', () => {
		const up = sortStudents(students, assignments, { column: 'number', direction: 'ascending' });
		expect(ids(up)).toEqual(['b', 'a', 'd', 'c']);
		const down = sortStudents(students, assignments, { column: 'number', direction: 'descending' });
		expect(ids(down)).toEqual(['d', 'a', 'b', 'c']);
	});

	it('sorts a quiz by score: results above not yet due above missing', () => {
		const best = sortStudents(students, assignments, { column: 0, direction: 'descending' });
		expect(ids(best)).toEqual(['c', 'a', 'd', 'b']);
		const worst = sortStudents(students, assignments, { column: 0, direction: 'ascending' });
		expect(ids(worst)).toEqual(['b', 'd', 'a', 'c']);
	});

	it('sorts a review by the share of cards studied, then recall', () => {
		const best = sortStudents(students, assignments, { column: 1, direction: 'descending' });
		expect(ids(best)).toEqual(['c', 'a', 'b', 'd']);
		expect(cellRank(cell({ studied: 5, recall: 0.9 }), 'review')).toBeGreaterThan(
			cellRank(cell({ studied: 5, recall: 0.5 }), 'review')
		);
	});

	it('never changes the list it is given', () => {
		const before = ids(students);
		sortStudents(students, assignments, { column: 0, direction: 'descending' });
		expect(ids(students)).toEqual(before);
	});

	it('flips the direction on the same column; a new assignment column starts best first', () => {
		expect(nextSort({ column: 'name', direction: 'ascending' }, 'name')).toEqual({
			column: 'name',
			direction: 'descending'
		});
		expect(nextSort({ column: 'name', direction: 'ascending' }, 2)).toEqual({
			column: 2,
			direction: 'descending'
		});
		expect(nextSort({ column: 2, direction: 'descending' }, 'number')).toEqual({
			column: 'number',
			direction: 'ascending'
		});
	});
});

describe('what a cell says', () => {
	it('says the status in words beside the figure, never by colour alone', () => {
		expect(describeCell(cell({ score: 70 }), 'quiz')).toBe('70 %, on time');
		expect(describeCell(cell({ score: 95, status: 'late' }), 'quiz')).toBe('95 %, late');
		expect(describeCell(cell({ status: 'missing' }), 'quiz')).toBe('missing');
		expect(describeCell(cell({ status: 'open' }), 'review')).toBe('not yet due');
		expect(describeCell(cell({ studied: 6, total: 19, recall: 0.834 }), 'review')).toBe(
			'6 of 19 cards studied, mean predicted recall 83 %, on time'
		);
	});

	it('shows a score, cards studied with recall, or a dash', () => {
		expect(cellFigure(cell({ score: 62.5 }), 'quiz')).toBe('62.5 %');
		expect(cellFigure(cell({ status: 'missing' }), 'quiz')).toBe('–');
		expect(cellFigure(cell({ studied: 6, total: 19, recall: 0.71 }), 'review')).toBe(
			'6/19, recall 71 %'
		);
		expect(cellFigure(cell({ studied: 6, total: 19 }), 'review')).toBe('6/19');
	});

	it('says an extension and a time limit overrun in words too', () => {
		expect(describeCell(cell({ score: 50, overtime: true, extended: true }), 'quiz')).toBe(
			'50 %, on time, over the time limit, extended'
		);
	});

	it('shows the status in words in the cell itself', () => {
		expect(cellText(cell({ score: 70 }), 'quiz')).toBe('70 %');
		expect(cellText(cell({ score: 95, status: 'late', overtime: true }), 'quiz')).toBe(
			'95 % · late · over time'
		);
		expect(cellText(cell({ status: 'missing', extended: true }), 'quiz')).toBe(
			'missing · extended'
		);
		expect(cellText(cell({ status: 'open' }), 'review')).toBe('not yet due');
		expect(cellText(cell({ studied: 3, recall: 0.5 }), 'review')).toBe('3/10, recall 50 %');
	});

	it('counts a column’s statuses', () => {
		expect(columnCounts(students, 0)).toEqual({ submitted: 1, late: 1, missing: 1, open: 1 });
	});
});

describe('the grid of a dashboard', () => {
	it('keeps roster entries nobody joined as rows, and counts a review’s cards', () => {
		const base = dashboardCell();
		const grid = gridOf({
			assignments: [
				dashboardAssignment({
					code: 'REVW234',
					title: 'Review',
					mode: 'review',
					deckId: 'energy',
					dueAt: '2026-12-08T17:00:00.000Z',
					createdAt: '2026-12-01T17:00:00.000Z',
					itemCount: 19
				})
			],
			students: [
				{
					studentId: null,
					rosterId: 'r1',
					name: 'Ann',
					studentNumber: null,
					status: 'not joined',
					timeMultiplier: 1,
					cells: [base]
				},
				{
					studentId: 'student-b',
					rosterId: null,
					name: 'Bo',
					studentNumber: '7',
					status: 'accepted',
					timeMultiplier: 1.5,
					cells: [
						{
							...base,
							status: 'submitted',
							cardsStudied: 6,
							recall: 0.8,
							extendedTo: '2026-12-09T17:00:00.000Z'
						}
					]
				}
			]
		});
		expect(grid.students.map((s) => [s.id, s.joined, s.studentNumber])).toEqual([
			['roster:r1', false, ''],
			['student-b', true, '7']
		]);
		expect(grid.students[1]!.cells[0]).toMatchObject({ studied: 6, total: 19, extended: true });
		expect(cellFigure(grid.students[1]!.cells[0]!, 'review')).toBe('6/19, recall 80 %');
	});
});
