import { describe, expect, it } from 'vitest';
import { reviewedState } from '$lib/srs/fixtures';
import { State, type CardState } from '$lib/srs/states';
import {
	describeBand,
	describeSectionKnowledge,
	describeSentenceKnowledge,
	essayCoverage,
	formatRecall,
	knowledgeBySection,
	knowledgeBySentence,
	markSentences,
	recallBand
} from './knowledge';

const MOCK_NOW = Date.UTC(2026, 0, 15, 9);
const DAY = 86_400_000;

// At MOCK_NOW: a was reviewed just now (recall 1), b one stability ago (recall 0.9).
const states = new Map<string, CardState>([
	['a', reviewedState('a', 10, MOCK_NOW)],
	['b', reviewedState('b', 10, MOCK_NOW - 10 * DAY)],
	['c', { ...reviewedState('c', 0, MOCK_NOW), state: State.New, lastReview: null }]
]);

describe('knowledgeBySentence', () => {
	const citations = new Map([
		['history-1-1', ['a', 'b']],
		['history-1-2', ['b', 'c', 'unknown']],
		['history-2-1', ['c']]
	]);
	const map = knowledgeBySentence(citations, states, MOCK_NOW);

	it('averages the recall of the studied cards citing a sentence', () => {
		expect(map.get('history-1-1')?.recall).toBeCloseTo(0.95, 3);
		expect(map.get('history-1-1')).toMatchObject({ studied: 2, neverStudied: 0 });
	});

	it('leaves cards never studied out of the mean and counts them', () => {
		expect(map.get('history-1-2')?.recall).toBeCloseTo(0.9, 3);
		expect(map.get('history-1-2')).toMatchObject({ studied: 1, neverStudied: 2 });
	});

	it('calls a sentence with no studied card never studied, even if a new state is stored', () => {
		expect(map.get('history-2-1')).toEqual({ recall: null, studied: 0, neverStudied: 1 });
	});

	it('reads each sentence out with its band and the cards left to study', () => {
		expect(describeSentenceKnowledge(map.get('history-1-1')!, 0.9)).toBe('recall 95 %, strong');
		expect(describeSentenceKnowledge(map.get('history-1-2')!, 0.95)).toBe(
			'recall 90 %, fading, 2 of 3 cards never studied'
		);
		expect(describeSentenceKnowledge(map.get('history-2-1')!, 0.9)).toBe('never studied');
	});

	it('marks each sentence with its band and what a screen reader hears', () => {
		expect(markSentences(map, 0.9).get('history-1-2')).toEqual({
			band: 'strong',
			text: 'knowledge map: recall 90 %, strong, 2 of 3 cards never studied'
		});
		expect(markSentences(map, 0.9).get('history-2-1')?.band).toBe('never');
	});

	it('follows the clock: the same states predict less recall later', () => {
		const later = knowledgeBySentence(citations, states, MOCK_NOW + 30 * DAY);
		expect(later.get('history-1-1')!.recall!).toBeLessThan(map.get('history-1-1')!.recall!);
	});
});

describe('knowledgeBySection', () => {
	const card = (id: string, section: string) => ({ id, source: { section } });
	const cards = [card('a', 'history'), card('b', 'history'), card('c', 'history')];

	it('averages studied cards once each and counts the never studied, in the given order', () => {
		const sections = knowledgeBySection(
			['history', 'conclusion'],
			[...cards, card('a', 'history'), card('d', 'conclusion')],
			states,
			MOCK_NOW
		);
		expect(sections.map((s) => s.slug)).toEqual(['history', 'conclusion']);
		expect(sections[0]?.recall).toBeCloseTo(0.95, 3);
		expect(sections[0]).toMatchObject({ neverStudied: 1, total: 3 });
		expect(sections[1]).toEqual({ slug: 'conclusion', recall: null, neverStudied: 1, total: 1 });
	});

	it('reads as a line of text for the summary and screen readers', () => {
		const [history] = knowledgeBySection(['history'], cards, states, MOCK_NOW);
		expect(describeSectionKnowledge(history!)).toBe(
			'2 of 3 cards studied, predicted recall 95 % of those'
		);
		expect(describeSectionKnowledge({ slug: 'x', recall: null, neverStudied: 4, total: 4 })).toBe(
			'none of 4 cards studied yet'
		);
	});

	it('counts coverage across sections: 9 of 46 studied is never "100 %" of the essay', () => {
		const coverage = essayCoverage([
			{ slug: 'a', recall: 1, neverStudied: 27, total: 30 },
			{ slug: 'b', recall: 0.5, neverStudied: 10, total: 16 },
			{ slug: 'c', recall: null, neverStudied: 0, total: 0 }
		]);
		expect(coverage).toEqual({ studied: 9, total: 46, recall: (3 * 1 + 6 * 0.5) / 9 });
		expect(essayCoverage([{ slug: 'a', recall: null, neverStudied: 5, total: 5 }])).toEqual({
			studied: 0,
			total: 5,
			recall: null
		});
	});

	it('gives an empty section no recall and no cards', () => {
		expect(knowledgeBySection(['bri-role'], cards, states, MOCK_NOW)).toEqual([
			{ slug: 'bri-role', recall: null, neverStudied: 0, total: 0 }
		]);
	});
});

describe('recallBand', () => {
	it('puts the default retention of 0.9 at the top of "strong" and steps down by 10 points', () => {
		expect(recallBand(0.95, 0.9)).toBe('strong');
		expect(recallBand(0.9, 0.9)).toBe('strong');
		expect(recallBand(0.85, 0.9)).toBe('fading');
		expect(recallBand(0.75, 0.9)).toBe('weak');
		expect(recallBand(0.69, 0.9)).toBe('forgotten');
		expect(recallBand(null, 0.9)).toBe('never');
	});

	it('bands by what the student shows: 89.6 % reads "90 %" and is strong', () => {
		expect(formatRecall(0.896)).toBe('90 %');
		expect(recallBand(0.896, 0.9)).toBe('strong');
		expect(recallBand(0.894, 0.9)).toBe('fading');
	});

	it('moves with the desired retention, so on-schedule cards stay strong', () => {
		expect(recallBand(0.82, 0.8)).toBe('strong');
		expect(recallBand(0.82, 0.9)).toBe('fading');
		expect(describeBand('fading', 0.8)).toBe('Fading: 70 to 79 %');
		expect(describeBand('forgotten', 0.9)).toBe('Forgotten: below 70 %');
		expect(formatRecall(null)).toBe('never studied');
	});
});
