import { describe, expect, it } from 'vitest';
import { DEFAULT_PASS_MARK } from '$lib/api';
import { scoreQuiz, type QuestionScore } from './score';

const results = (...scores: number[]): QuestionScore[] =>
	scores.map((score, i) => ({ cardId: `card-${i}`, score, correct: score === 1 }));

describe('scoreQuiz', () => {
	it.each([
		['7 of 10 (exactly the pass mark)', results(1, 1, 1, 1, 1, 1, 1, 0, 0, 0), 7, 70, true],
		['6 of 10', results(1, 1, 1, 1, 1, 1, 0, 0, 0, 0), 6, 60, false],
		['partial credit reaching 70%', results(1, 1, 0.5, 0.5, 0.5), 3.5, 70, true],
		[
			'partial credit for an ordering',
			results(1, 1, 1, 5 / 6, 0.5, 0, 0.5, 1, 1, 1),
			7.833333,
			78.3,
			true
		],
		['2 of 3', results(1, 1, 0), 2, 66.7, false],
		['all right', results(1, 1, 1), 3, 100, true],
		['nothing asked', results(), 0, 0, false]
	])('%s', (_, answered, points, percent, passed) => {
		const score = scoreQuiz(answered, DEFAULT_PASS_MARK);
		expect(score.points).toBeCloseTo(points, 5);
		expect(score).toMatchObject({ total: answered.length, percent, passed });
	});

	it('passes sums of fractions that only miss the mark by float error', () => {
		// Ten scores of 0.7 sum to 6.999999999999999, a share just under 0.7.
		const tenths = results(...Array.from({ length: 10 }, () => 0.7));
		expect(scoreQuiz(tenths, DEFAULT_PASS_MARK).passed).toBe(true);
	});

	it.each([
		[0.5, true],
		[0.8, false],
		[0.75, true]
	])('honours a pass mark of %f', (passMark, passed) => {
		expect(scoreQuiz(results(1, 1, 1, 0), passMark).passed).toBe(passed);
	});

	it('lists every question not fully right as missed, in quiz order', () => {
		expect(scoreQuiz(results(1, 0, 5 / 6, 1, 0), DEFAULT_PASS_MARK).missed).toEqual([
			'card-1',
			'card-2',
			'card-4'
		]);
	});
});
