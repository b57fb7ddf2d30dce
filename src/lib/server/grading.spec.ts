import { describe, expect, it } from 'vitest';
import { gradeResponse, QuizResponseKindError, type QuizResponse } from '$lib/quiz';
import { clozeCard, mcqCard, typedCard } from '$lib/quiz/fixtures';
import { isBlank, responseKey } from '$lib/quiz/overrides';
import { acceptedSet, gradeAnswer, gradeOnce, GRADES_KEPT_PER_CARD } from './assignments/grading';

// The grades a server remembers per card and response (grading.ts, gradeOnce).

const card = typedCard('Gazprom', ['Gazprom PJSC']);
const text = (t: string): QuizResponse => ({ kind: 'text', text: t });

describe('gradeOnce', () => {
	it('gives what grading gives, remembered: the same response again is looked up', () => {
		for (const response of [text('Gazprom'), text('gazpromm'), text('no idea'), text('  ')]) {
			const { correct, score, given } = gradeResponse(card, response);
			const graded = gradeOnce(card, response);
			expect(graded).toEqual({
				correct,
				score,
				given,
				key: responseKey(response),
				blank: isBlank(response)
			});
			expect(gradeOnce(card, { ...response })).toBe(graded);
		}
	});

	it('grades a card compiled again afresh (a deck update), never from the old card', () => {
		const before = typedCard('Gazprom', [], 'same-id');
		const after = typedCard('Rosneft', [], 'same-id');
		expect(gradeOnce(before, text('Rosneft')).correct).toBe(false);
		expect(gradeOnce(after, text('Rosneft')).correct).toBe(true);
		const cloze = clozeCard([['Astana']], 'c');
		expect(gradeOnce(cloze, { kind: 'blanks', texts: ['Astana'] }).correct).toBe(true);
	});

	it("applies the instructor's acceptances at each grading, whatever was remembered", () => {
		const mcq = mcqCard(['Right', 'Wrong'], 'mcq-accept');
		const wrong: QuizResponse = { kind: 'choice', option: 'Wrong' };
		expect(gradeAnswer(mcq, wrong, new Set()).correct).toBe(false);
		const accepted = acceptedSet([{ card_id: mcq.id, response_key: responseKey(wrong) }]);
		expect(gradeAnswer(mcq, wrong, accepted)).toMatchObject({ correct: true, accepted: true });
		// Taken back (a regrade after undo): wrong again.
		expect(gradeAnswer(mcq, wrong, new Set()).correct).toBe(false);
	});

	it('throws for a response of the wrong kind every time, remembering nothing', () => {
		const wrongKind: QuizResponse = { kind: 'choice', option: 'Gazprom' };
		expect(() => gradeOnce(card, wrongKind)).toThrow(QuizResponseKindError);
		expect(() => gradeOnce(card, wrongKind)).toThrow(QuizResponseKindError);
	});

	it(`keeps at most ${GRADES_KEPT_PER_CARD} responses per card, the first graded out first`, () => {
		const many = typedCard('Rosneft', [], 'many');
		const first = gradeOnce(many, text('answer 0'));
		for (let i = 1; i <= GRADES_KEPT_PER_CARD; i++) gradeOnce(many, text(`answer ${i}`));
		// Pushed out: graded again, an equal grade in a new object.
		const again = gradeOnce(many, text('answer 0'));
		expect(again).toEqual(first);
		expect(again).not.toBe(first);
		const last = gradeOnce(many, text(`answer ${GRADES_KEPT_PER_CARD}`));
		expect(gradeOnce(many, text(`answer ${GRADES_KEPT_PER_CARD}`))).toBe(last);
	});
});
