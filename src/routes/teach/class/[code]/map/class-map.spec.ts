import { describe, expect, it } from 'vitest';
import type { SentenceStats } from '$lib/api';
import {
	describeClassBand,
	describeSectionClass,
	describeSentenceClass,
	markClassSentences,
	reviewCardIds
} from './class-map';

const sentence = (change: Partial<SentenceStats>): SentenceStats => ({
	sentenceId: 's',
	section: 'history',
	text: 'A sentence.',
	cardIds: [],
	questions: 0,
	answered: 0,
	correctShare: null,
	studied: 0,
	recall: null,
	...change
});

const sentences = [
	sentence({
		sentenceId: 's1',
		cardIds: ['a', 'b'],
		answered: 20,
		correctShare: 0.6,
		studied: 2,
		recall: 0.9
	}),
	sentence({ sentenceId: 's2', cardIds: ['b', 'c'], answered: 10, correctShare: 0.95 }),
	sentence({ sentenceId: 's3', section: 'conclusion', cardIds: ['d'], studied: 4, recall: 0.72 })
];

describe('the class knowledge map', () => {
	it('tints by the measure chosen, in the student map’s bands', () => {
		const right = markClassSentences(['s1', 's2', 's3', 's4'], sentences, 'right');
		expect([...right.values()].map((m) => m.band)).toEqual([
			'forgotten',
			'strong',
			'never',
			'never'
		]);
		const recall = markClassSentences(['s1', 's2', 's3'], sentences, 'recall');
		expect([...recall.values()].map((m) => m.band)).toEqual(['strong', 'never', 'weak']);
	});

	it('says both measures in words for every sentence, with or without evidence', () => {
		expect(markClassSentences(['s1'], sentences, 'right').get('s1')?.text).toBe(
			'class: 60 % right of 20 answers; mean predicted recall 90 % over 2 cards studied'
		);
		expect(markClassSentences(['s9'], sentences, 'recall').get('s9')?.text).toBe(
			'class: no quiz answers yet; not studied in reviews yet'
		);
		expect(describeSentenceClass(sentences[2]!)).toBe(
			'no quiz answers yet; mean predicted recall 72 % over 4 cards studied'
		);
	});

	it('names the bands for each measure', () => {
		expect(describeClassBand('strong', 'right')).toBe('Strong: 90 % or more right');
		expect(describeClassBand('weak', 'recall')).toBe('Weak: 70 to 79 %');
		expect(describeClassBand('forgotten', 'right')).toBe('Not known: below 70 %');
		expect(describeClassBand('never', 'right')).toBe('No quiz answers yet');
		expect(describeClassBand('never', 'recall')).toBe('Not studied yet');
	});

	it('sums up a section, answers weighted by their number', () => {
		expect(describeSectionClass('history', 12, sentences)).toBe(
			'2 of 12 cited sentences asked about: 72 % right, mean predicted recall 90 %'
		);
		expect(describeSectionClass('conclusion', 3, sentences)).toBe(
			'1 of 3 cited sentences asked about: no quiz answers, mean predicted recall 72 %'
		);
		expect(describeSectionClass('bri-role', 5, sentences)).toBe(
			'none of 5 cited sentences asked about yet'
		);
	});

	it('reviews every card citing the chosen sentences, each once', () => {
		expect(reviewCardIds(sentences)).toEqual(['a', 'b', 'c', 'd']);
	});
});
