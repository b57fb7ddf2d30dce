import type { QuizResponse } from '$lib/quiz';

/** The instructor's results, as GET /api/assignments/<code>/results returns them. */
export interface Results {
	assignment: {
		code: string;
		title: string;
		deckTitle: string;
		dueAt: string;
		mode: string;
		maxAttempts: 1 | null;
		counts: 'first' | 'best' | 'latest';
	};
	submissions: {
		id: string;
		name: string;
		studentNumber: string | null;
		score: number | null;
		passed: boolean | null;
		late: boolean;
		sentAfterDue: boolean;
		durationMs: number;
		receivedAt: string;
		attempt: number;
		counts: boolean;
	}[];
	questions: {
		cardId: string;
		prompt: string;
		answer: string;
		quote: string;
		answered: number;
		correctShare: number;
		mostCommonWrong: string | null;
		wrongResponses: { response: QuizResponse; given: string; count: number }[];
		accepted: { response: QuizResponse; given: string; acceptedAt: string }[];
	}[];
	changes: {
		at: string;
		action: 'accept' | 'undo';
		cardId: string;
		given: string;
		changed: number;
	}[];
}

/** What the instructor does to one question's grading from the dashboard. */
export type GradingAction = (
	action: 'accept' | 'undo',
	cardId: string,
	response: QuizResponse
) => void;

/** The attempts policy as the instructor set it. */
export function policyText(a: Results['assignment']): string {
	if (a.mode !== 'quiz') return 'every report counts';
	if (a.maxAttempts === 1) return 'one attempt';
	return `unlimited attempts, the ${a.counts === 'best' ? 'best score' : a.counts} counts`;
}

/** A submission's timeliness in words: late, on time, or finished on time but sent later. */
export function timeliness(s: Pick<Results['submissions'][number], 'late' | 'sentAfterDue'>) {
	if (s.late) return 'late';
	return s.sentAfterDue ? 'finished on time, sent later' : 'on time';
}
