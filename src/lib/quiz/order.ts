/**
 * Counts the pairs of events (of the correct order) that the student put in the right relative
 * order, Kendall-style: one adjacent swap among 4 events leaves 5 of 6 pairs right. An event that
 * is missing from the answer spoils every pair it belongs to.
 */
export function orderedPairs(
	correctOrder: readonly string[],
	given: readonly string[]
): { correct: number; total: number } {
	const position = correctOrder.map((event) => given.indexOf(event));
	let correct = 0;
	let total = 0;
	for (let i = 0; i < position.length; i++)
		for (let j = i + 1; j < position.length; j++) {
			total++;
			const [a, b] = [position[i]!, position[j]!];
			if (a >= 0 && b >= 0 && a < b) correct++;
		}
	return { correct, total };
}
