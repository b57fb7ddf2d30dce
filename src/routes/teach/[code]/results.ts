import type { AssignmentView, GradingChange, QuizResponse, SubmissionSummary } from '$lib/api';

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
