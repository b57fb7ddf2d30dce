import { normalizeAnswer } from './normalize';
import type { QuizResponse } from './types';

/**
 * An instructor's decision that one response to one question counts as right for everyone. Pure
 * data, shared by the server (which regrades with it) and the dashboard (which groups with it).
 */
export interface AcceptedResponse {
	cardId: string;
	response: QuizResponse;
}

/**
 * The key two responses share when a teacher would call them the same answer: typed text (each
 * blank, a number as typed) compared after the grader's {@link normalizeAnswer}, so "Gazprom and
 * Rosneft!" and "gazprom & rosneft" are one response; a chosen option, a true/false value and an
 * order of events compared exactly. Responses of different kinds never share a key.
 */
export function responseKey(response: QuizResponse): string {
	switch (response.kind) {
		case 'choice':
			return JSON.stringify(['choice', response.option]);
		case 'truefalse':
			return JSON.stringify(['truefalse', response.value]);
		case 'text':
			return JSON.stringify(['text', normalizeAnswer(response.text)]);
		case 'number':
			return JSON.stringify(['number', normalizeAnswer(response.text)]);
		case 'blanks':
			return JSON.stringify(['blanks', ...response.texts.map(normalizeAnswer)]);
		case 'order':
			return JSON.stringify(['order', ...response.events]);
	}
}

/**
 * Whether a response the student typed or chose to `cardId` matches one the instructor accepted.
 * An empty typed answer matches nothing, so accepting cannot make blank answers right.
 */
export function matchesAccepted(
	cardId: string,
	response: QuizResponse,
	accepted: readonly AcceptedResponse[]
): boolean {
	if (isBlank(response)) return false;
	const key = responseKey(response);
	return accepted.some((a) => a.cardId === cardId && responseKey(a.response) === key);
}

/** A typed response with nothing in it once normalised (empty, whitespace or punctuation only). */
export function isBlank(response: QuizResponse): boolean {
	switch (response.kind) {
		case 'text':
		case 'number':
			return normalizeAnswer(response.text) === '';
		case 'blanks':
			return response.texts.every((t) => normalizeAnswer(t) === '');
		default:
			return false;
	}
}
