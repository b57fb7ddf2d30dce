import { describe, expect, it } from 'vitest';
import { sentenceStats, type CardEvidence } from './knowledge';

const sentence = (id: string, cardIds: string[]) => ({ id, section: 'history', text: id, cardIds });
const evidence = (over: Partial<CardEvidence>): CardEvidence => ({
	answered: 0,
	correct: 0,
	studied: 0,
	recallSum: 0,
	...over
});

describe('sentenceStats', () => {
	it('sums the evidence of the cards citing each sentence and leaves out sentences with none', () => {
		const { sentences } = sentenceStats(
			[sentence('s1', ['a', 'b']), sentence('s2', ['c']), sentence('s3', ['b'])],
			new Map([
				['a', evidence({ answered: 4, correct: 3 })],
				['b', evidence({ answered: 4, correct: 1, studied: 2, recallSum: 1.2 })]
			]),
			new Set(['a'])
		);
		expect(sentences.map((s) => s.sentenceId)).toEqual(['s1', 's3']);
		expect(sentences[0]).toMatchObject({
			questions: 1,
			answered: 8,
			correctShare: 0.5,
			studied: 2
		});
		expect(sentences[0]!.recall).toBeCloseTo(0.6);
		expect(sentences[1]).toMatchObject({ questions: 0, correctShare: 0.25 });
	});

	it('lists at most ten weakest, by the lower of share right and recall, more evidence first on ties', () => {
		const list = Array.from({ length: 14 }, (_, i) => sentence(`s${i}`, [`c${i}`]));
		const map = new Map<string, CardEvidence>(
			list.map((s, i) => [
				`c${i}`,
				i % 2 === 0
					? evidence({ answered: 10, correct: i % 10 })
					: evidence({ studied: 1 + i, recallSum: ((1 + i) * (i % 7)) / 10 })
			])
		);
		const { weakest } = sentenceStats(list, map, new Set());
		expect(weakest).toHaveLength(10);
		// s0 and s10 none right of 10 answers, s7 recall 0 over 8 cards: the most evidence first.
		expect(weakest.slice(0, 3)).toEqual(['s0', 's10', 's7']);
	});
});
