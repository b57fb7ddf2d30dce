import type { ClassDashboard } from '$lib/api';
import { csvCell } from '../assignments/csv';

// ---- The gradebook CSV (pure): one row per student, one column per assignment ----------------

/** A column's heading: the title and code, so two assignments of one title stay apart. */
const heading = (a: ClassDashboard['assignments'][number]) => `${a.title} (${a.code})`;

/**
 * The gradebook from the dashboard's data: `Student`, `SIS User ID` (the student number, the
 * column Canvas matches students by), then one column per assignment, oldest first: a quiz's
 * counting score (percent), a review's share of its cards studied (percent, one decimal), blank
 * when nothing arrived. RFC 4180: CRLF lines, cells quoted when they hold `,`, `;`, `"`, CR or LF,
 * a leading `'` on cells a spreadsheet would run as a formula; no BOM.
 */
export function gradebookCsv(data: Pick<ClassDashboard, 'assignments' | 'students'>): string {
	const header = ['Student', 'SIS User ID', ...data.assignments.map(heading)];
	const rows = data.students.map((s) => [
		s.name,
		s.studentNumber,
		...s.cells.map((c, i) => {
			const a = data.assignments[i]!;
			if (a.mode === 'quiz') return c.score;
			if (c.cardsStudied === null || c.cardsStudied === 0 || a.itemCount === 0) return null;
			return Math.round((1000 * c.cardsStudied) / a.itemCount) / 10;
		})
	]);
	return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
