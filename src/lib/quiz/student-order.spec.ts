import { describe, expect, it } from 'vitest';
import { seededRandom, seedFrom } from '$lib/random';
import { mcqCard } from './fixtures';
import { optionOrder } from './select';
import { studentOrderSeed, studentQuizOrder } from './student-order';

const IDS = Array.from({ length: 12 }, (_, i) => `card-${i + 1}`);

function orderFor(studentId: string, shuffle = true, code = 'ABC2345') {
	const seed = studentOrderSeed(studentId, code);
	return studentQuizOrder(IDS, {
		shuffle,
		seed,
		assignmentSeed: seedFrom(code),
		random: seededRandom(seed)
	});
}

describe('studentQuizOrder', () => {
	it('gives every student the same questions, each student their own stable order', () => {
		const ann = orderFor('student-ann');
		const bob = orderFor('student-bob');
		expect([...ann.questionIds].sort()).toEqual([...IDS].sort());
		expect([...bob.questionIds].sort()).toEqual([...IDS].sort());
		expect(ann.questionIds).not.toEqual(bob.questionIds);
		expect(ann.seed).not.toBe(bob.seed);
		// Every attempt and every device of a student: the same order.
		expect(orderFor('student-ann')).toEqual(ann);
		// The same student in another assignment: another order.
		expect(orderFor('student-ann', true, 'XYZ2345').questionIds).not.toEqual(ann.questionIds);
	});

	it('differs for most pairs of students, over many students', () => {
		const orders = new Set(
			Array.from({ length: 200 }, (_, i) => orderFor(`s-${i}`).questionIds.join())
		);
		expect(orders.size).toBe(200);
	});

	it('shuffles the options by the student’s seed, so two students see them differently', () => {
		const mcq = mcqCard(['Beijing', 'Moscow', 'Astana', 'Tashkent', 'Bishkek']);
		const seeds = Array.from({ length: 20 }, (_, i) => orderFor(`s-${i}`).seed);
		const orders = new Set(seeds.map((seed) => optionOrder(mcq, seed).join()));
		expect(orders.size).toBeGreaterThan(1);
	});

	it('keeps the instructor’s order and one option order for everyone when shuffle is off', () => {
		const ann = orderFor('student-ann', false);
		const bob = orderFor('student-bob', false);
		expect(ann.questionIds).toEqual(IDS);
		expect(bob).toEqual(ann);
		expect(ann.seed).toBe(seedFrom('ABC2345'));
	});
});
