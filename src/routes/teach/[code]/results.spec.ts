import { describe, expect, it } from 'vitest';
import { attemptsPolicy } from '$lib/storage/assignments';
import type { AssignmentResults, ResultsUpdate, SubmissionSummary } from '$lib/api';
import { mergeResults, newSubmissionsText, policyText, timeliness } from './results';

type Policy = Parameters<typeof policyText>[0];
const quiz = (change: Partial<Policy>): Policy => ({
	mode: 'quiz',
	maxAttempts: null,
	counts: 'best',
	...change
});

describe('the dashboard’s words', () => {
	it('tells late, on time, and finished on time but sent later apart', () => {
		expect(timeliness({ late: true, sentAfterDue: true })).toBe('late');
		expect(timeliness({ late: false, sentAfterDue: true })).toBe('finished on time, sent later');
		expect(timeliness({ late: false, sentAfterDue: false })).toBe('on time');
	});

	it.each([
		[{ maxAttempts: 1 as const, counts: 'first' as const }, 'one attempt'],
		[{ counts: 'best' as const }, 'unlimited attempts, the best score counts'],
		[{ counts: 'latest' as const }, 'unlimited attempts, the latest counts'],
		[{ mode: 'review' as const }, 'every report counts']
	])('states the attempts policy %j as "%s"', (change, text) => {
		expect(policyText(quiz(change))).toBe(text);
	});
});

describe('the student’s words', () => {
	it.each([
		[{ maxAttempts: 1 as const }, 'One attempt: the first one you finish is sent.'],
		[
			{ counts: 'first' as const },
			'Unlimited attempts; your first counts, later ones are practice.'
		],
		[{ counts: 'latest' as const }, 'Unlimited attempts; your latest counts.'],
		[{ maxAttempts: null, counts: 'best' as const }, 'Unlimited attempts; your best score counts.'],
		// Joined before the policy existed: what the server assumes for such assignments.
		[{}, 'Unlimited attempts; your best score counts.']
	])('states %j as "%s"', (assignment, text) => {
		expect(attemptsPolicy(assignment)).toBe(text);
	});
});

describe('merging a poll into the dashboard', () => {
	const sub = (
		id: string,
		studentId: string,
		seq: number,
		extra: Partial<SubmissionSummary> = {}
	) => ({ id, studentId, seq, attempt: 1, counts: true, marks: [], ...extra }) as SubmissionSummary;
	const assignment = {
		code: 'ABCDEFG',
		dueAt: '2026-01-10T17:00:00.000Z'
	} as AssignmentResults['assignment'];
	const current: AssignmentResults = {
		full: true,
		assignment,
		lastSeq: 3,
		submissions: [sub('a1', 'ana', 1), sub('b1', 'ben', 2), sub('c1', 'cy', 3)],
		questions: [],
		changes: []
	};
	const update = (change: Partial<ResultsUpdate>): ResultsUpdate => ({
		full: false,
		assignment,
		since: 3,
		lastSeq: 3,
		submissions: [],
		questions: null,
		changes: [],
		...change
	});

	it('keeps everything when nothing changed', () => {
		const { results, added } = mergeResults(current, update({}));
		expect(results).toEqual(current);
		expect(added).toBe(0);
	});

	it('replaces every submission of a student who changed and counts the new ones', () => {
		const questions = [{ cardId: 'q1' }] as AssignmentResults['questions'];
		const change = { at: 'x', action: 'accept' as const, cardId: 'q1', given: 'g', changed: 1 };
		const { results, added } = mergeResults(
			current,
			update({
				lastSeq: 5,
				submissions: [
					sub('a1', 'ana', 1, { counts: false }),
					sub('a2', 'ana', 5, { attempt: 2 }),
					sub('d1', 'dee', 4)
				],
				questions,
				changes: [change]
			})
		);
		expect(results.submissions.map((s) => [s.id, s.counts])).toEqual([
			['a1', false],
			['b1', true],
			['c1', true],
			['d1', true],
			['a2', true]
		]);
		expect(results).toMatchObject({ lastSeq: 5, questions, changes: [change] });
		expect(added).toBe(2);
	});

	it('takes a full answer as it is', () => {
		const full = { ...current, lastSeq: 9, submissions: [sub('z1', 'zoe', 9)] };
		expect(mergeResults(current, full)).toEqual({ results: full, added: 1 });
		expect(mergeResults(null, full).results).toBe(full);
	});

	it.each([
		[0, ''],
		[1, '1 new submission.'],
		[12, '12 new submissions.']
	])('announces %i new submissions as "%s"', (n, text) => {
		expect(newSubmissionsText(n)).toBe(text);
	});
});
