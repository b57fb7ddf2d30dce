import { describe, expect, it } from 'vitest';
import {
	decodeCell,
	encodeCell,
	encodeDashboard,
	parseDashboard,
	type ClassDashboard,
	type DashboardCell
} from './classes';
import { dashboardAssignment, dashboardCell } from './fixtures';

const cell = dashboardCell;

const board = (cells: DashboardCell[][], assignments = cells[0]?.length ?? 0): ClassDashboard => ({
	class: { code: 'ABCDEFG', name: 'Term', hasRoster: true, createdAt: '2026-09-01T00:00:00.000Z' },
	assignments: Array.from({ length: assignments }, (_, i) =>
		dashboardAssignment({ code: `A${i}`, title: `Quiz ${i}` })
	),
	students: cells.map((row, i) => ({
		studentId: `s${i}`,
		rosterId: null,
		name: `Student ${i}`,
		studentNumber: null,
		status: 'accepted' as const,
		timeMultiplier: 1,
		cells: row
	})),
	roster: [],
	members: [],
	pending: [],
	at: '2026-10-02T00:00:00.000Z'
});

describe('the dashboard cell on the wire', () => {
	const cells: DashboardCell[] = [
		cell(),
		cell({ status: 'missing' }),
		cell({ status: 'submitted', score: 80, passed: true, attempts: 2 }),
		cell({ status: 'late', score: 40, passed: false, attempts: 1, overtime: true }),
		cell({ status: 'submitted', score: 0, attempts: 1 }),
		cell({ status: 'missing', cardsStudied: 0 }),
		cell({ status: 'submitted', cardsStudied: 14, recall: 0.8125 }),
		cell({ status: 'open', extendedTo: '2026-10-05T12:00:00.000Z' }),
		cell({
			status: 'late',
			cardsStudied: 3,
			recall: 1,
			overtime: true,
			extendedTo: '2026-10-05T12:00:00.000Z'
		})
	];

	it('round-trips every kind of cell exactly', () => {
		for (const c of cells) expect(decodeCell(encodeCell(c))).toEqual(c);
		expect(parseDashboard(JSON.parse(JSON.stringify(encodeDashboard(board([cells])))))).toEqual(
			board([cells])
		);
	});

	it('leaves out the trailing defaults', () => {
		expect(encodeCell(cell())).toEqual([3]);
		expect(encodeCell(cell({ status: 'missing' }))).toEqual([2]);
		expect(encodeCell(cell({ status: 'submitted', score: 80, passed: true, attempts: 2 }))).toEqual(
			[0, 2, 80, 1]
		);
		expect(encodeCell(cell({ status: 'missing', cardsStudied: 0 }))).toEqual([2, 0, null, 0, 0]);
	});

	it('rounds recall to seven decimals and no further', () => {
		const [, , , , , recall] = encodeCell(cell({ cardsStudied: 2, recall: 0.123456789 }));
		expect(recall).toBe(0.1234568);
	});

	it('is a small fraction of the objects it replaces', () => {
		const full = board(
			Array.from({ length: 300 }, () => cells.slice(0, 6).concat(cells.slice(0, 6)))
		);
		const wire = JSON.stringify(encodeDashboard(full)).length;
		expect(wire / JSON.stringify(full).length).toBeLessThan(0.25);
	});
});

describe('parseDashboard refuses a broken answer, naming what and where', () => {
	const wire = (cells: unknown[][], assignments?: number) => {
		const b = encodeDashboard(
			board(
				[
					[cell(), cell()],
					[cell(), cell()]
				],
				assignments
			)
		);
		return { ...b, students: b.students.map((s, i) => ({ ...s, cells: cells[i] ?? s.cells })) };
	};
	const refused = (input: unknown) => {
		try {
			parseDashboard(input);
		} catch (error) {
			return (error as Error).message;
		}
		throw new Error('parseDashboard accepted it');
	};

	it('an unknown status', () => {
		expect(refused(wire([[[3], [9]]]))).toBe(
			'dashboard students.0.cells.1.0: status must be one of 0 (submitted), 1 (late), 2 (missing), 3 (open)'
		);
	});
	it('a fractional or negative count', () => {
		expect(
			refused(
				wire([
					[[3], [3]],
					[[0, 1.5], [3]]
				])
			)
		).toBe('dashboard students.1.cells.0.1: attempts must be a whole number from 0');
		expect(refused(wire([[[0, 1, null, 0, -1], [3]]]))).toBe(
			'dashboard students.0.cells.0.4: cardsStudied must be a whole number from 0'
		);
	});
	it('a score or recall out of range', () => {
		expect(refused(wire([[[0, 1, 101], [3]]]))).toBe(
			'dashboard students.0.cells.0.2: score must be a number from 0 to 100 or null'
		);
		expect(refused(wire([[[0, 1, null, 0, 3, 1.2], [3]]]))).toBe(
			'dashboard students.0.cells.0.5: recall must be a number from 0 to 1 or null'
		);
	});
	it('flags that contradict themselves or are unknown', () => {
		expect(refused(wire([[[0, 1, 50, 3], [3]]]))).toBe(
			'dashboard students.0.cells.0.3: flags say passed and not passed at once'
		);
		expect(refused(wire([[[0, 1, 50, 8], [3]]]))).toBe(
			'dashboard students.0.cells.0.3: flags must be at most 7'
		);
	});
	it('an extension that is not a date', () => {
		expect(refused(wire([[[3, 0, null, 0, null, null, 'soon'], [3]]]))).toMatch(
			/^dashboard students\.0\.cells\.0\.6: /
		);
	});
	it('a cell that is not an array, and a row of the wrong length', () => {
		expect(refused(wire([[{ status: 'open' }, [3]]]))).toBe(
			'dashboard students.0.cells.0: a cell must be an array [status, attempts, score, flags, cardsStudied, recall, extendedTo]'
		);
		expect(refused(wire([[[3], [3]], [[3]]]))).toBe(
			'dashboard students.1.cells: 1 cells for 2 assignments'
		);
	});
	it('an answer without students', () => {
		expect(refused({ assignments: [] })).toMatch(/^dashboard students: /);
	});
});
