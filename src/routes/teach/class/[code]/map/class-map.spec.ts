import { describe, expect, it } from 'vitest';
import {
	classKnowledgeBySentence,
	describeClassBand,
	describeSentenceClass,
	markClassSentences,
	reviewCardIds,
	weakestSentences,
	type CardClassStats
} from './class-map';

const stats = (change: Partial<CardClassStats>): CardClassStats => ({
	answered: 0,
	correct: 0,
	studiedBy: 0,
	recallSum: 0,
	...change
});

const citations = new Map<string, string[]>([
	['s1', ['a', 'b']],
	['s2', ['b']],
	['s3', ['c']],
	['s4', ['d', 'd']],
	['s5', ['e']]
]);
const cards = new Map<string, CardClassStats>([
	['a', stats({ answered: 10, correct: 9, studiedBy: 2, recallSum: 1.8 })],
	['b', stats({ answered: 10, correct: 3 })],
	['c', stats({ studiedBy: 4, recallSum: 2 })],
	['d', stats({ answered: 4, correct: 1.5 })]
]);
const bySentence = classKnowledgeBySentence(citations, cards);

describe('the class knowledge of each sentence', () => {
	it('pools the answers and the recall of every card citing it', () => {
		expect(bySentence.get('s1')).toEqual({
			shareRight: 12 / 20,
			answered: 20,
			recall: 0.9,
			studied: 2,
			cardIds: ['a', 'b']
		});
		expect(bySentence.get('s3')).toMatchObject({ shareRight: null, recall: 0.5 });
		// A card cited twice by one sentence counts once; partial credit counts as given.
		expect(bySentence.get('s4')).toMatchObject({ shareRight: 1.5 / 4, cardIds: ['d'] });
		expect(bySentence.get('s5')).toMatchObject({ shareRight: null, recall: null, cardIds: ['e'] });
	});

	it('tints by the measure chosen, in the student map’s bands, and says both in words', () => {
		const right = markClassSentences(bySentence, 'right');
		expect(right.get('s1')?.band).toBe('forgotten');
		expect(right.get('s3')?.band).toBe('never');
		expect(markClassSentences(bySentence, 'recall').get('s1')?.band).toBe('strong');
		expect(right.get('s1')?.text).toBe(
			'class: 60 % right of 20 answers; mean predicted recall 90 % over 2 cards studied'
		);
		expect(describeSentenceClass(bySentence.get('s5')!)).toBe(
			'no quiz answers yet; not studied in reviews yet'
		);
	});

	it('names the bands for each measure', () => {
		expect(describeClassBand('strong', 'right')).toBe('Strong: 90 % or more right');
		expect(describeClassBand('weak', 'recall')).toBe('Weak: 70 to 79 %');
		expect(describeClassBand('never', 'right')).toBe('No quiz answers yet');
		expect(describeClassBand('never', 'recall')).toBe('Not studied yet');
	});
});

describe('the weakest sentences', () => {
	it('lists the lowest first, leaving out sentences nobody was asked about', () => {
		const weak = weakestSentences(bySentence, 'right');
		expect(weak.map((w) => w.sentenceId)).toEqual(['s2', 's4', 's1']);
		expect(weakestSentences(bySentence, 'recall').map((w) => w.sentenceId)).toEqual(['s3', 's1']);
	});

	it('breaks ties by more evidence, then essay order, and stops at the limit', () => {
		const tied = classKnowledgeBySentence(
			new Map([
				['x', ['p']],
				['y', ['q']],
				['z', ['r']]
			]),
			new Map([
				['p', stats({ answered: 2, correct: 1 })],
				['q', stats({ answered: 8, correct: 4 })],
				['r', stats({ answered: 2, correct: 1 })]
			])
		);
		expect(weakestSentences(tied, 'right').map((w) => w.sentenceId)).toEqual(['y', 'x', 'z']);
		expect(weakestSentences(tied, 'right', 2)).toHaveLength(2);
	});

	it('reviews every card citing the chosen sentences, each once', () => {
		expect(reviewCardIds(weakestSentences(bySentence, 'right'))).toEqual(['b', 'd', 'a']);
	});
});
