import type { SubmissionSummary } from '$lib/api';

// ---- CSV ---------------------------------------------------------------------------------

const CSV_HEADER = [
	'name',
	'student number',
	'score',
	'passed',
	'late',
	'started at',
	'finished at',
	'duration seconds',
	'attempt',
	'counts',
	'sent after due'
];

/**
 * One RFC 4180 cell. A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR first) gets
 * a leading single quote, so a student's name cannot run code on the instructor's machine. A cell
 * with `;` is quoted too: spreadsheets in locales whose decimal mark is a comma split on `;`.
 */
export function csvCell(value: string | number | boolean | null): string {
	let text =
		value === null ? '' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The submissions as CSV with a UTF-8 BOM (so Excel reads the names right) and CRLF lines. */
export function resultsCsv(submissions: SubmissionSummary[]): string {
	const rows = submissions.map((s) => [
		s.name,
		s.studentNumber,
		s.score,
		s.passed,
		s.late,
		s.startedAt,
		s.finishedAt,
		Math.round(s.durationMs / 1000),
		s.attempt,
		s.counts,
		s.sentAfterDue
	]);
	return (
		'\uFEFF' + [CSV_HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
	);
}
