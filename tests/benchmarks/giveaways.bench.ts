// Giveaways in 10-question quizzes, old selection against new, per deck:
//   npx tsx tests/benchmarks/giveaways.bench.ts
// A pair is two questions on one sentence of the essay or one showing the other's answer
// (findGiveaway with the entity list). Distinct quizzes: the distinct question sets drawn in the
// seeds run (a count, so a lower bound of what the deck allows).
import { CARD_TYPES, type Card } from '../../src/lib/decks/types';
import { seededRandom, shuffle } from '../../src/lib/random';
import { realBanks } from '../../src/lib/quiz/banks.fixture';
import { findGiveaway } from '../../src/lib/quiz/giveaway';
import { isQuizzable, selectQuestions } from '../../src/lib/quiz/select';

const SEEDS = 2000;

/** The selection before issue 13: types take turns, nothing else checked. */
function oldSelect(cards: Card[], count: number, seed: number): Card[] {
	const random = seededRandom(seed);
	const piles = shuffle(CARD_TYPES, random)
		.map((type) =>
			shuffle(
				cards.filter((c) => c.type === type),
				random
			)
		)
		.filter((p) => p.length > 0);
	const drawn: Card[] = [];
	for (let round = 0; drawn.length < count; round++) {
		const turn = piles.flatMap((pile) => (round < pile.length ? [pile[round]!] : []));
		if (turn.length === 0) break;
		drawn.push(...turn.slice(0, count - drawn.length));
	}
	return shuffle(drawn, random);
}

const { decks, entities } = realBanks();
const pct = (n: number) => `${((100 * n) / SEEDS).toFixed(1)} %`;
console.log(
	`| deck | quizzable | old: with a pair | new: with a pair | new: mean length | distinct quizzes in ${SEEDS} seeds |`
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const deck of decks) {
	const pool = deck.cards.filter(isQuizzable);
	let oldPairs = 0;
	let newPairs = 0;
	let length = 0;
	const distinct = new Set<string>();
	for (let seed = 0; seed < SEEDS; seed++) {
		if (findGiveaway(oldSelect(pool, 10, seed), entities)) oldPairs++;
		const quiz = selectQuestions(pool, 10, seed, { entities: deck.entities });
		if (findGiveaway(quiz, entities)) newPairs++;
		length += quiz.length;
		distinct.add(
			quiz
				.map((c) => c.id)
				.sort()
				.join()
		);
	}
	console.log(
		`| ${deck.id} | ${pool.length} | ${pct(oldPairs)} | ${pct(newPairs)} | ${(length / SEEDS).toFixed(1)} | ${distinct.size} |`
	);
}
