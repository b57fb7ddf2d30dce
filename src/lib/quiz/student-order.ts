import { seededRandom, shuffle } from '$lib/random';

/**
 * A shuffled class quiz as one student sees it: the instructor's questions, all of them and no
 * others, in an order drawn from `seed` (the API's `studentOrderSeed(assignmentCode, studentId)`,
 * so every device of the student and the instructor's preview draw the same), and the same seed
 * shuffles each card's options and events (see `optionOrder`, `eventOrder`).
 */
export function studentQuizOrder(
	questionIds: readonly string[],
	seed: number
): { questionIds: string[]; seed: number } {
	return { questionIds: shuffle(questionIds, seededRandom(seed)), seed };
}
