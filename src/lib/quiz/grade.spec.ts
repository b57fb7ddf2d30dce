import { describe, expect, it } from 'vitest';
import { gradeResponse, QuizResponseKindError } from './grade';
import { basicCard, clozeCard, mcqCard, orderingCard, trueFalseCard, typedCard } from './fixtures';

const KHRUSHCHEV = typedCard('Nikita Khrushchev', ['Khrushchev', 'Khrushchov']);
const YEAR = typedCard('1891', ['in 1891']);
const TREATY = typedCard('Good Neighborliness, Friendship and Cooperation treaty', [
	'Good Neighbourliness, Friendship and Cooperation'
]);
const ARCTIC = typedCard('Arctic Ocean', ['the Arctic Ocean']);
const S400 = typedCard('S-400', ['S400']);

const typed = (text: string) => ({ kind: 'text' as const, text });

describe('typed answers', () => {
	it.each([
		['exact', KHRUSHCHEV, 'Nikita Khrushchev'],
		['case and spacing', KHRUSHCHEV, '  nikita   KHRUSHCHEV '],
		['an accepted alternative', KHRUSHCHEV, 'khrushchov'],
		['punctuation', TREATY, 'Good Neighborliness Friendship and Cooperation treaty.'],
		[
			'an alternative spelling without the final word',
			TREATY,
			'good neighbourliness, friendship & cooperation'
		],
		['a leading article', ARCTIC, 'The Arctic Ocean'],
		['an article in the middle', ARCTIC, 'Arctic the Ocean'],
		['diacritics', KHRUSHCHEV, 'Nikíta Khrúshchev'],
		['a year with a preposition alternative', YEAR, 'in 1891'],
		['a hyphen left out', S400, 'S 400']
	])('accepts %s', (_, card, text) => {
		const result = gradeResponse(card, typed(text));
		expect(result).toMatchObject({ correct: true, score: 1, given: text, expected: card.answer });
		expect(result.nearMiss).toBeUndefined();
	});

	it.each([
		['one typo in a 10-letter word', KHRUSHCHEV, 'Krushchev'],
		['two typos in a long name', KHRUSHCHEV, 'Nikita Khruschov'],
		['a dropped letter', typedCard('Gazprom'), 'Gazprm'],
		// Levenshtein counts a swap as two edits, so it needs an answer of 8 or more characters.
		['a swapped pair of letters in a long word', typedCard('Kazakhstan'), 'Kazakhtsan'],
		[
			'three typos in a 40-letter answer',
			TREATY,
			'Good Neighbrliness Frendship and Coperation treaty'
		]
	])('forgives %s as a near miss with a diff', (_, card, text) => {
		const result = gradeResponse(card, typed(text));
		expect(result).toMatchObject({ correct: true, score: 1, nearMiss: true });
		expect(result.diff?.some((part) => part.added || part.removed)).toBe(true);
	});

	it.each([
		['a different year', YEAR, '1896'],
		['a different year with the preposition', YEAR, 'in 1896'],
		['a different model number', S400, 'S-300'],
		['a typo in a 3-letter answer', typedCard('EEU'), 'EEW'],
		['two typos in a 6-letter answer', typedCard('Russia'), 'Rasshia'],
		['a swapped pair of letters in a 7-letter word', typedCard('Gazprom'), 'Gazrpom'],
		['a different answer', KHRUSHCHEV, 'Gorbachev'],
		['an empty answer', KHRUSHCHEV, '   '],
		['only an article', ARCTIC, 'the']
	])('rejects %s', (_, card, text) => {
		expect(gradeResponse(card, typed(text))).toMatchObject({ correct: false, score: 0 });
	});

	it('shows where a wrong answer differs from the closest accepted one', () => {
		const { diff } = gradeResponse(YEAR, typed('1896'));
		expect(diff).toEqual([
			{ value: '189' },
			{ value: '6', removed: true },
			{ value: '1', added: true }
		]);
	});

	it('diffs a near miss against the alternative it is closest to', () => {
		const { diff } = gradeResponse(KHRUSHCHEV, typed('Krushchov'));
		expect(diff?.map((p) => p.value).join('')).toContain('khrushchov'.slice(2));
		expect(diff?.filter((p) => p.added)).toEqual([{ value: 'h', added: true }]);
	});

	it('grades a basic card as a typed answer against its answer', () => {
		const card = basicCard('Vladimir Putin');
		expect(gradeResponse(card, typed('vladimir putin')).correct).toBe(true);
		expect(gradeResponse(card, typed('Vladimir Puttin'))).toMatchObject({
			correct: true,
			nearMiss: true
		});
		expect(gradeResponse(card, typed('Boris Yeltsin')).correct).toBe(false);
	});
});

describe('cloze answers', () => {
	const card = clozeCard([
		['Trans-Siberian Railway', 'Trans-Siberian Railroad'],
		['1896'],
		['Chinese territory', 'China']
	]);
	const blanks = (...texts: string[]) => ({ kind: 'blanks' as const, texts });

	it.each([
		[['trans siberian railroad', '1896', 'china'], true, 1],
		[['Trans-Siberian Railway', '1891', 'Chinese territory'], false, 2 / 3],
		[['Trans-Siberian Railway', '1891', 'Japan'], false, 1 / 3],
		[['', '', ''], false, 0],
		[['Trans-Siberian Railway'], false, 1 / 3]
	])('grades each blank of %j', (texts, correct, score) => {
		const result = gradeResponse(card, blanks(...texts));
		expect(result.correct).toBe(correct);
		expect(result.score).toBeCloseTo(score);
		expect(result.blanks).toHaveLength(3);
	});

	it('marks a cloze with a forgiven typo as a near miss', () => {
		const result = gradeResponse(card, blanks('Trans-Siberain Railway', '1896', 'China'));
		expect(result).toMatchObject({ correct: true, score: 1, nearMiss: true });
		expect(result.blanks?.[0]).toMatchObject({ correct: true, nearMiss: true });
		expect(result.blanks?.[1]?.nearMiss).toBeUndefined();
	});

	it('shows the expected and given blanks and a diff for the wrong one', () => {
		const result = gradeResponse(card, blanks('Trans-Siberian Railway', '1891', 'China'));
		expect(result.expected).toBe('Trans-Siberian Railway / 1896 / Chinese territory');
		expect(result.given).toBe('Trans-Siberian Railway / 1891 / China');
		expect(result.diff).toEqual([
			{ value: '189' },
			{ value: '1', removed: true },
			{ value: '6', added: true }
		]);
	});
});

describe('ordering answers', () => {
	const events = ['Railway', 'Treaty', 'Revolution', 'Alliance'];
	const card = orderingCard(events);
	const order = (...given: string[]) => gradeResponse(card, { kind: 'order', events: given });

	it.each([
		[events, true, 6],
		[['Treaty', 'Railway', 'Revolution', 'Alliance'], false, 5],
		[['Railway', 'Treaty', 'Alliance', 'Revolution'], false, 5],
		[['Railway', 'Revolution', 'Treaty', 'Alliance'], false, 5],
		[['Alliance', 'Railway', 'Treaty', 'Revolution'], false, 3],
		[['Alliance', 'Revolution', 'Treaty', 'Railway'], false, 0],
		[['Railway', 'Treaty', 'Revolution'], false, 3]
	])('gives %j partial credit by pairs', (given, correct, right) => {
		const result = order(...given);
		expect(result.correct).toBe(correct);
		expect(result.pairs).toEqual({ correct: right, total: 6 });
		expect(result.score).toBeCloseTo(right / 6);
	});

	it('shows both orders as text', () => {
		const result = order('Treaty', 'Railway', 'Revolution', 'Alliance');
		expect(result.expected).toBe('Railway → Treaty → Revolution → Alliance');
		expect(result.given).toBe('Treaty → Railway → Revolution → Alliance');
	});
});

describe('multiple choice and true/false', () => {
	const card = mcqCard(['Beijing', 'Moscow', 'Astana', 'Bishkek']);
	it.each([
		['Beijing', true],
		['Moscow', false],
		['beijing', false]
	])('option %j is correct: %s', (option, correct) => {
		expect(gradeResponse(card, { kind: 'choice', option })).toMatchObject({
			correct,
			score: correct ? 1 : 0,
			expected: 'Beijing',
			given: option
		});
	});

	it.each([
		[true, true, true],
		[true, false, false],
		[false, false, true],
		[false, true, false]
	])('a statement that is %s answered %s is correct: %s', (truth, value, correct) => {
		const result = gradeResponse(trueFalseCard(truth), { kind: 'truefalse', value });
		expect(result).toMatchObject({ correct, expected: truth ? 'True' : 'False' });
	});
});

it('refuses a response of the wrong kind with a typed error', () => {
	expect(() => gradeResponse(YEAR, { kind: 'number', text: '1891' })).toThrow(
		QuizResponseKindError
	);
});
