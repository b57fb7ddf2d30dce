import { describe, expect, it } from 'vitest';
import { attemptsPolicy } from '$lib/storage/assignments';
import type { AssignmentResults, ResultsUpdate, SubmissionSummary } from '$lib/api';
import {
	mergeResults,
	newSubmissionsText,
	pageOf,
	pageText,
	policyText,
	timeliness
} from './results';

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

describe("the Students table's pages", () => {
	it('cuts rows into pages and brings a page out of range back into it', () => {
		expect(pageOf(120, 50, 0)).toEqual({ index: 0, count: 3, start: 0, end: 50 });
		expect(pageOf(120, 50, 2)).toEqual({ index: 2, count: 3, start: 100, end: 120 });
		expect(pageOf(120, 50, 9)).toEqual({ index: 2, count: 3, start: 100, end: 120 });
		expect(pageOf(120, 50, -1)).toEqual({ index: 0, count: 3, start: 0, end: 50 });
		expect(pageOf(120, 50, Number.NaN)).toMatchObject({ index: 0 });
		// No rows is still one (empty) page; exactly full pages add no empty one.
		expect(pageOf(0, 50, 3)).toEqual({ index: 0, count: 1, start: 0, end: 0 });
		expect(pageOf(100, 50, 5)).toEqual({ index: 1, count: 2, start: 50, end: 100 });
	});

	it('says which rows a page holds', () => {
		expect(pageText(pageOf(20_000, 50, 399), 20_000)).toBe(
			'Page 400 of 400: rows 19,951 to 20,000 of 20,000.'
		);
		expect(pageText(pageOf(51, 50, 1), 51)).toBe('Page 2 of 2: rows 51 to 51 of 51.');
	});
});
