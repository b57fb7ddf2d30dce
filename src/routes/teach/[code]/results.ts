import type {
	AssignmentResults,
	AssignmentView,
	GradingChange,
	QuestionMark,
	QuizResponse,
	ResultsAnswer,
	SubmissionSummary
} from '$lib/api';

/** What the instructor does to one question's grading from the dashboard. */
export type GradingAction = (
	action: GradingChange['action'],
	cardId: string,
	response: QuizResponse
) => void;

/** The attempts policy as the instructor set it. */
export function policyText(a: Pick<AssignmentView, 'mode' | 'maxAttempts' | 'counts'>): string {
	if (a.mode !== 'quiz') return 'every report counts';
	if (a.maxAttempts === 1) return 'one attempt';
	return `unlimited attempts, the ${a.counts === 'best' ? 'best score' : a.counts} counts`;
}

/** A submission's timeliness in words: late, on time, or finished on time but sent later. */
export function timeliness(s: Pick<SubmissionSummary, 'late' | 'sentAfterDue'>) {
	if (s.late) return 'late';
	return s.sentAfterDue ? 'finished on time, sent later' : 'on time';
}

/**
 * The dashboard's results after a poll: a full answer replaces them; an update replaces the
 * submissions of each student it names (all of theirs come back, renumbered), takes new statistics
 * when it has them and appends the grading changes. `added` counts submissions not seen before.
 */
export function mergeResults(
	current: AssignmentResults | null,
	answer: ResultsAnswer
): { results: AssignmentResults; added: number } {
	const known = new Set(current?.submissions.map((s) => s.id));
	const added = answer.submissions.filter((s) => !known.has(s.id)).length;
	if (answer.full || !current) return { results: answer as AssignmentResults, added };
	const students = new Set(answer.submissions.map((s) => s.studentId));
	const submissions =
		students.size === 0
			? current.submissions
			: [
					...current.submissions.filter((s) => !students.has(s.studentId)),
					...answer.submissions
				].sort((a, b) => a.seq - b.seq);
	return {
		results: {
			full: true,
			assignment: answer.assignment,
			lastSeq: answer.lastSeq,
			submissions,
			questions: answer.questions ?? current.questions,
			changes: answer.changes.length ? [...current.changes, ...answer.changes] : current.changes
		},
		added
	};
}

/** What a screen reader hears after a poll brought new submissions ('' for none). */
export const newSubmissionsText = (added: number) =>
	added === 0 ? '' : added === 1 ? '1 new submission.' : `${added} new submissions.`;

/** One mark in the student x question grid: a symbol, its words, and a class for its colour. */
export const MARK_SYMBOLS: Record<QuestionMark, { symbol: string; words: string }> = {
	right: { symbol: '✓', words: 'right' },
	wrong: { symbol: '✗', words: 'wrong' },
	blank: { symbol: '–', words: 'blank' }
};

/** Rows of the Students table per page. */
export const STUDENTS_PAGE_SIZE = 50;

/** One page of a paged table: its index (from 0), how many pages, its rows' start and end. */
export interface TablePage {
	index: number;
	count: number;
	start: number;
	end: number;
}

/** Page `wanted` of `total` rows, `size` a page, brought into range (never fewer than one page). */
export function pageOf(total: number, size: number, wanted: number): TablePage {
	const count = Math.max(1, Math.ceil(total / size));
	const index = Math.min(Math.max(0, Math.trunc(wanted) || 0), count - 1);
	return { index, count, start: index * size, end: Math.min(total, (index + 1) * size) };
}

/** A page in words, as it is shown and announced: "Page 2 of 3: rows 51 to 100 of 120." */
export function pageText(page: TablePage, total: number): string {
	const n = (value: number) => value.toLocaleString('en');
	return `Page ${n(page.index + 1)} of ${n(page.count)}: rows ${n(page.start + 1)} to ${n(page.end)} of ${n(total)}.`;
}
