import type { SubmissionBody } from './schemas';

/** The student as they joined the assignment. */
export interface Submitter {
	studentId: string;
	name: string;
	/** Empty when they gave none; then the body has none. */
	studentNumber: string;
}

/** What one attempt or one review report sends. */
export interface SubmissionContent {
	/** Made by the client, so a retry is recognised. */
	id: string;
	/** Quiz: the answers given, only their card and response are sent. */
	answers?: readonly { cardId: string; response: unknown }[];
	/** Review: the cards studied. */
	reviewed?: readonly string[];
	startedAt: number;
	finishedAt: number;
}

/**
 * A submission body as the app sends it. A response is sent as the device stored it (a
 * `QuizResponse` when the app wrote it); the server refuses one that is not, naming it.
 */
export type OutgoingSubmission = Omit<SubmissionBody, 'answers'> & {
	answers: { cardId: string; response: unknown }[];
};

/** The body of `POST /api/assignments/<code>/submissions` for a quiz attempt or a review report. */
export function submissionBody(student: Submitter, content: SubmissionContent): OutgoingSubmission {
	return {
		id: content.id,
		studentId: student.studentId,
		name: student.name,
		...(student.studentNumber ? { studentNumber: student.studentNumber } : {}),
		answers: (content.answers ?? []).map((a) => ({ cardId: a.cardId, response: a.response })),
		...(content.reviewed ? { reviewed: [...content.reviewed] } : {}),
		startedAt: content.startedAt,
		finishedAt: content.finishedAt
	};
}
