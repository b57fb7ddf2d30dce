import { seedFrom, shuffle } from '$lib/random';

/**
 * A class quiz as one student sees it: the instructor's questions, all of them and no others, and
 * the seed their options and events are shuffled with (see `optionOrder`, `eventOrder`).
 */
export interface StudentQuizOrder {
	questionIds: string[];
	seed: number;
}

/**
 * The seed of one student's order in one assignment: the same student gets the same order on
 * every device and every attempt, another student (almost surely) another.
 */
export function studentOrderSeed(studentId: string, assignmentCode: string): number {
	return seedFrom(`${assignmentCode}\u0000${studentId}`);
}

/**
 * The order of a class quiz's questions for one student. With `shuffle` the questions are
 * shuffled by `random` (seeded with {@link studentOrderSeed}) and `seed` shuffles each card's
 * options; without it everyone gets the instructor's order and one assignment-wide option order
 * (`assignmentSeed`), so the correct option is still never always first.
 */
export function studentQuizOrder(
	questionIds: readonly string[],
	options: { shuffle: boolean; seed: number; assignmentSeed: number; random: () => number }
): StudentQuizOrder {
	if (!options.shuffle) return { questionIds: [...questionIds], seed: options.assignmentSeed };
	return { questionIds: shuffle(questionIds, options.random), seed: options.seed };
}
