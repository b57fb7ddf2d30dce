import { describe, expect, it } from 'vitest';
import { attemptsPolicy } from '$lib/storage/assignments';
import { policyText, timeliness } from './results';

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
