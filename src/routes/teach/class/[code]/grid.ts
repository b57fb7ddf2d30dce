// The class dashboard's student x assignment grid as plain data: what each cell says and how the
// rows sort. No Svelte, no DOM: `gridOf` maps the API's dashboard into these types.
import type { CellStatus, ClassDashboard } from '$lib/api';

export type { CellStatus };

export interface GridAssignment {
	code: string;
	title: string;
	mode: 'quiz' | 'review';
	dueAt: string;
}

export interface GridCell {
	status: CellStatus;
	/** Quiz: the counting attempt's score in percent; null without one (or for review). */
	score: number | null;
	/** Review: cards of the assignment studied, of `total`. */
	studied: number;
	total: number;
	/** Review: the mean predicted recall (0-1) of the assignment's cards studied; null for none. */
	recall: number | null;
	/** The student has a later due date of their own. */
	extended: boolean;
	/** The counting attempt took longer than the student's time limit. */
	overtime: boolean;
}

export interface GridStudent {
	id: string;
	name: string;
	studentNumber: string;
	/** False for a roster entry nobody has joined as yet. */
	joined: boolean;
	/** One cell per assignment, in the grid's assignment order. */
	cells: GridCell[];
}

export interface ClassGrid {
	assignments: GridAssignment[];
	students: GridStudent[];
}

/**
 * The grid of a class dashboard. A roster entry nobody has joined as yet is a row too (its id
 * `roster:<id>`), so the instructor sees who is missing.
 */
export function gridOf(dashboard: Pick<ClassDashboard, 'assignments' | 'students'>): ClassGrid {
	const assignments = dashboard.assignments.map(({ code, title, mode, dueAt }) => ({
		code,
		title,
		mode,
		dueAt
	}));
	const students = dashboard.students.map((s) => ({
		id: s.studentId ?? `roster:${s.rosterId}`,
		name: s.name,
		studentNumber: s.studentNumber ?? '',
		joined: s.studentId !== null,
		cells: s.cells.map((c, i) => ({
			status: c.status,
			score: c.score,
			studied: c.cardsStudied ?? 0,
			total: dashboard.assignments[i]?.itemCount ?? 0,
			recall: c.recall,
			extended: c.extendedTo !== null,
			overtime: c.overtime
		}))
	}));
	return { assignments, students };
}

/** A column to sort by: the name, the student number, or an assignment by its index. */
export type SortColumn = 'name' | 'number' | number;
export type SortDirection = 'ascending' | 'descending';
export interface GridSort {
	column: SortColumn;
	direction: SortDirection;
}

/** The status in words: never shown by colour alone. */
export function statusLabel(status: CellStatus): string {
	switch (status) {
		case 'submitted':
			return 'on time';
		case 'late':
			return 'late';
		case 'missing':
			return 'missing';
		case 'open':
			return 'not yet due';
	}
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** What a cell shows as its main figure: a score, cards studied, or a dash. */
export function cellFigure(cell: GridCell, mode: GridAssignment['mode']): string {
	if (mode === 'quiz') return cell.score === null ? '–' : `${cell.score} %`;
	if (cell.studied === 0) return '–';
	const recall = cell.recall === null ? '' : `, recall ${percent(cell.recall)}`;
	return `${cell.studied}/${cell.total}${recall}`;
}

/**
 * What a cell shows, in words (one text per cell, so a grid of thousands renders fast): the
 * figure, then the status where it is not plain on time, then an overrun or an extension.
 */
export function cellText(cell: GridCell, mode: GridAssignment['mode']): string {
	const parts: string[] = [];
	if (cell.status === 'missing') parts.push('missing');
	else if (cell.status === 'open' && cell.score === null && cell.studied === 0) {
		parts.push('not yet due');
	} else {
		parts.push(cellFigure(cell, mode));
		if (cell.status === 'late') parts.push('late');
	}
	if (cell.overtime) parts.push('over time');
	if (cell.extended) parts.push('extended');
	return parts.join(' · ');
}

/** The whole cell in words, for a screen reader and a tooltip-free reading. */
export function describeCell(cell: GridCell, mode: GridAssignment['mode']): string {
	const status = [
		statusLabel(cell.status),
		...(cell.overtime ? ['over the time limit'] : []),
		...(cell.extended ? ['extended'] : [])
	].join(', ');
	if (mode === 'quiz') return cell.score === null ? status : `${cell.score} %, ${status}`;
	if (cell.studied === 0) return status;
	const recall = cell.recall === null ? '' : `, mean predicted recall ${percent(cell.recall)}`;
	return `${cell.studied} of ${cell.total} cards studied${recall}, ${status}`;
}

/**
 * A number to sort a cell by, higher is better: a quiz by its score, a review by the share of
 * cards studied then recall. Without a result, missing sorts below not yet due, both below any
 * result.
 */
export function cellRank(cell: GridCell, mode: GridAssignment['mode']): number {
	const without = cell.status === 'missing' ? -2 : -1;
	if (mode === 'quiz') return cell.score === null ? without : cell.score;
	if (cell.studied === 0) return without;
	const share = cell.total > 0 ? cell.studied / cell.total : 0;
	return share * 100 + (cell.recall ?? 0);
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * The students in the order asked for. Ties (and every column's blanks) fall back to the name,
 * then the student number, then the id, always ascending, so the order is total and stable
 * whatever the direction.
 */
export function sortStudents(
	students: readonly GridStudent[],
	assignments: readonly GridAssignment[],
	sort: GridSort
): GridStudent[] {
	const sign = sort.direction === 'ascending' ? 1 : -1;
	const byName = (a: GridStudent, b: GridStudent) =>
		collator.compare(a.name, b.name) ||
		collator.compare(a.studentNumber, b.studentNumber) ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	const { column } = sort;
	let primary: (a: GridStudent, b: GridStudent) => number;
	if (column === 'name') primary = (a, b) => collator.compare(a.name, b.name);
	else if (column === 'number') {
		// Students without a number sort after those with one, in either direction.
		primary = (a, b) =>
			!a.studentNumber || !b.studentNumber ? 0 : collator.compare(a.studentNumber, b.studentNumber);
		const blanks = (a: GridStudent, b: GridStudent) =>
			Number(!a.studentNumber) - Number(!b.studentNumber);
		return [...students].sort((a, b) => blanks(a, b) || sign * primary(a, b) || byName(a, b));
	} else {
		const mode = assignments[column]?.mode ?? 'quiz';
		const rank = (s: GridStudent) => {
			const cell = s.cells[column];
			return cell ? cellRank(cell, mode) : -3;
		};
		primary = (a, b) => rank(a) - rank(b);
	}
	return [...students].sort((a, b) => sign * primary(a, b) || byName(a, b));
}

/**
 * The sort after a click on a column's header: the same column flips its direction; another
 * starts ascending for names and numbers, descending (best first) for an assignment.
 */
export function nextSort(current: GridSort, column: SortColumn): GridSort {
	if (current.column === column) {
		return {
			column,
			direction: current.direction === 'ascending' ? 'descending' : 'ascending'
		};
	}
	return { column, direction: typeof column === 'number' ? 'descending' : 'ascending' };
}

/** One assignment's column in numbers, for its header: how many submitted, late, missing. */
export function columnCounts(
	students: readonly GridStudent[],
	column: number
): Record<CellStatus, number> {
	const counts: Record<CellStatus, number> = { submitted: 0, late: 0, missing: 0, open: 0 };
	for (const s of students) {
		const cell = s.cells[column];
		if (cell) counts[cell.status]++;
	}
	return counts;
}
