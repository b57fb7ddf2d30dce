import { describe, expect, it } from 'vitest';
import { realBanks } from './banks.fixture';
import { canSelfGrade, choiceMarks, orderMarks, studyChoices } from './feedback';
import { basicCard, mcqCard, numericCard, orderingCard, trueFalseCard } from './fixtures';
import { gradeResponse } from './grade';
import { optionOrder } from './select';

describe('choiceMarks', () => {
	const card = mcqCard(['Beijing', 'Moscow', 'Astana', 'Bishkek']);

	it('marks the pick and the right option in the order the question showed', () => {
		const marks = choiceMarks(card, { kind: 'choice', option: 'Astana' }, 7);
		expect(marks.map((m) => m.option)).toEqual(optionOrder(card, 7));
		expect(marks.filter((m) => m.chosen).map((m) => m.option)).toEqual(['Astana']);
		expect(marks.filter((m) => m.correct).map((m) => m.option)).toEqual(['Beijing']);
	});

	it('marks one option both chosen and right when the pick was right', () => {
		const marks = choiceMarks(card, { kind: 'choice', option: 'Beijing' }, 1);
		expect(marks.find((m) => m.chosen)).toMatchObject({ option: 'Beijing', correct: true });
	});

	it.each([
		[true, false, 'False', 'True'],
		[false, false, 'False', 'False'],
		[true, true, 'True', 'True']
	])('a statement that is %s answered %s: picked %s, right %s', (truth, value, picked, right) => {
		const marks = choiceMarks(trueFalseCard(truth), { kind: 'truefalse', value }, 0);
		expect(marks.find((m) => m.chosen)?.option).toBe(picked);
		expect(marks.find((m) => m.correct)?.option).toBe(right);
	});

	it('marks nothing chosen for a stored response of another kind', () => {
		expect(choiceMarks(card, { kind: 'text', text: 'Beijing' }, 0).some((m) => m.chosen)).toBe(
			false
		);
		expect(choiceMarks(card, null, 0).some((m) => m.chosen)).toBe(false);
	});
});

describe('orderMarks', () => {
	const card = orderingCard(['Railway', 'Treaty', 'Revolution', 'Alliance']);

	it('shows which events moved and where they belong', () => {
		const marks = orderMarks(card, {
			kind: 'order',
			events: ['Treaty', 'Railway', 'Revolution', 'Alliance']
		});
		expect(marks).toEqual([
			{ event: 'Treaty', position: 1, correctPosition: 2, placed: false },
			{ event: 'Railway', position: 2, correctPosition: 1, placed: false },
			{ event: 'Revolution', position: 3, correctPosition: 3, placed: true },
			{ event: 'Alliance', position: 4, correctPosition: 4, placed: true }
		]);
	});

	it('gives no marks for a malformed response', () => {
		expect(orderMarks(card, { kind: 'order', events: 'x' })).toEqual([]);
	});
});

describe('canSelfGrade', () => {
	const basic = basicCard('Vladimir Putin');
	const wrong = gradeResponse(basic, { kind: 'text', text: 'Putin the president' });

	it('offers "I was right" after a wrong typed answer in a self-study quiz only', () => {
		expect(canSelfGrade(basic, wrong, false)).toBe(true);
		expect(canSelfGrade(basic, wrong, true)).toBe(false);
	});

	it('never for a choice, a right answer or an answer that was not read', () => {
		const mcq = mcqCard(['a1', 'b1']);
		expect(canSelfGrade(mcq, gradeResponse(mcq, { kind: 'choice', option: 'b1' }), false)).toBe(
			false
		);
		const right = gradeResponse(basic, { kind: 'text', text: 'Vladimir Putin' });
		expect(canSelfGrade(basic, right, false)).toBe(false);
		const empty = gradeResponse(basic, { kind: 'text', text: '  ' });
		expect(canSelfGrade(basic, empty, false)).toBe(false);
		const gas = numericCard(38, 'bcm');
		expect(canSelfGrade(gas, gradeResponse(gas, { kind: 'number', text: '37' }), false)).toBe(true);
	});
});

describe('studyChoices', () => {
	const { cards } = realBanks();

	it('never shows a real ordering card already solved, whatever the seed', () => {
		const orderings = cards.filter((c) => c.type === 'ordering');
		expect(orderings.length).toBeGreaterThan(0);
		for (const card of orderings)
			for (let seed = 0; seed < 200; seed++)
				expect(studyChoices(card, seed), `${card.id} seed ${seed}`).not.toEqual(card.events);
	});

	it('shows pol-order-soviet-to-putin shuffled for the seeds study uses', () => {
		const card = cards.find((c) => c.id === 'pol-order-soviet-to-putin');
		expect(card?.type).toBe('ordering');
		if (card?.type !== 'ordering') return;
		for (const seed of [0, 1, 2, 3]) expect(studyChoices(card, seed)).not.toEqual(card.events);
	});

	it('shuffles a choice card’s options, the right one not always first', () => {
		const mcqs = cards.filter((c) => c.type === 'mcq');
		const firsts = mcqs.filter((c) => c.type === 'mcq' && studyChoices(c, 0)[0] === c.options[0]);
		expect(firsts.length).toBeLessThan(mcqs.length / 2);
		for (const c of mcqs)
			expect([...studyChoices(c, 0)].sort()).toEqual(
				[...(c as { options: string[] }).options].sort()
			);
	});
});
