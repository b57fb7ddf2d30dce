import { State, type CardState } from '$lib/srs/states';

export interface CardsByState {
	new: number;
	learning: number;
	review: number;
	relearning: number;
}

/**
 * How many of the cards are new (never studied), learning, in review or relearning. Each card
 * counts once; states of cards no longer in any deck are left out.
 */
export function cardsByState(
	cardIds: Iterable<string>,
	states: ReadonlyMap<string, CardState>
): CardsByState {
	const counts: CardsByState = { new: 0, learning: 0, review: 0, relearning: 0 };
	for (const id of new Set(cardIds)) {
		switch (states.get(id)?.state ?? State.New) {
			case State.New:
				counts.new++;
				break;
			case State.Learning:
				counts.learning++;
				break;
			case State.Review:
				counts.review++;
				break;
			case State.Relearning:
				counts.relearning++;
				break;
		}
	}
	return counts;
}
