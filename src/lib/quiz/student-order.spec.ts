import { describe, expect, it } from 'vitest';
import { studentOrderSeed } from '$lib/api/classes';
import { mcqCard } from './fixtures';
import { optionOrder } from './select';
import { studentQuizOrder } from './student-order';

const IDS = Array.from({ length: 12 }, (_, i) => `card-${i + 1}`);
const orderFor = (studentId: string, code = 'ABC2345') =>
	studentQuizOrder(IDS, studentOrderSeed(code, studentId));

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
		expect(orderFor('student-ann', 'XYZ2345').questionIds).not.toEqual(ann.questionIds);
	});

	it('differs between students, over many students', () => {
		const orders = new Set(
			Array.from({ length: 200 }, (_, i) => orderFor(`s-${i}`).questionIds.join())
		);
		expect(orders.size).toBe(200);
	});

	it('shuffles the options by the student’s seed, so students see them differently', () => {
		const mcq = mcqCard(['Beijing', 'Moscow', 'Astana', 'Tashkent', 'Bishkek']);
		const seeds = Array.from({ length: 20 }, (_, i) => orderFor(`s-${i}`).seed);
		const orders = new Set(seeds.map((seed) => optionOrder(mcq, seed).join()));
		expect(orders.size).toBeGreaterThan(5);
		for (const seed of seeds)
			expect([...optionOrder(mcq, seed)].sort()).toEqual([...mcq.options].sort());
	});
});
