import type { SubmissionSummary } from '$lib/api';
import { ApiError } from '../http';

// ---- CSV ---------------------------------------------------------------------------------

const CSV_COLUMNS = [
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

/**
 * `?tz=`: an IANA time zone the runtime knows (the dashboard sends the browser's
 * `Intl.DateTimeFormat().resolvedOptions().timeZone`); absent or empty, UTC.
 */
export function parseTimeZone(value: string | null): string {
	if (value === null || value === '') return 'UTC';
	try {
		if (value.length > 64) throw new RangeError('too long');
		// Throws for a zone it does not know; the name is kept as given (Asia/Kolkata stays so).
		new Intl.DateTimeFormat('en-GB', { timeZone: value });
		return value;
	} catch {
		throw new ApiError(
			400,
			`tz: "${value.slice(0, 64)}" is not a time zone (an IANA name such as Europe/Paris)`
		);
	}
}

/** Writes an instant as `2026-01-10 18:00:05` in `timeZone` (what spreadsheets read as a time). */
export function localTime(timeZone: string): (iso: string) => string {
	const format = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23'
	});
	return (iso) => {
		const part = Object.fromEntries(
			format.formatToParts(new Date(iso)).map((p) => [p.type, p.value])
		);
		return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
	};
}

/**
 * The header: the columns above, then the finish time in `timeZone` (named in the header) and
 * one column per question (`question 1`...), each cell `right`, `wrong` or `blank`.
 */
export function csvHeader(questionCount: number, timeZone: string): string[] {
	const questions = Array.from({ length: questionCount }, (_, i) => `question ${i + 1}`);
	return [...CSV_COLUMNS, `finished (${timeZone})`, ...questions];
}

/** One submission's cells, in {@link csvHeader}'s order. */
export function csvRow(s: SubmissionSummary, local: (iso: string) => string) {
	return [
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
		s.sentAfterDue,
		local(s.finishedAt),
		...s.marks
	];
}

const line = (cells: (string | number | boolean | null)[]) => cells.map(csvCell).join(',') + '\r\n';

/**
 * The results as a CSV stream: a UTF-8 BOM (so Excel reads the names right), the header, then the
 * rows page by page as `pages` yields them (each page read from the database only when the
 * client has taken the one before), CRLF lines.
 */
export function resultsCsvStream(
	pages: AsyncIterable<SubmissionSummary[]>,
	questionCount: number,
	timeZone: string
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const local = localTime(timeZone);
	const iterator = pages[Symbol.asyncIterator]();
	let started = false;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				if (!started) {
					started = true;
					controller.enqueue(encoder.encode('\uFEFF' + line(csvHeader(questionCount, timeZone))));
					return;
				}
				const page = await iterator.next();
				if (page.done) controller.close();
				else
					controller.enqueue(
						encoder.encode(page.value.map((s) => line(csvRow(s, local))).join(''))
					);
			},
			async cancel() {
				await iterator.return?.(undefined);
			}
		},
		{ highWaterMark: 1 }
	);
}
