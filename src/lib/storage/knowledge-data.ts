import type { CardState } from '$lib/srs/scheduler';
import type { MeridianDB } from './db';

/**
 * The stored states of the given cards, by card id, read in one readonly transaction. Cards
 * never studied have no state and are absent; states of cards no longer in the deck are left out.
 */
export async function loadCardStates(
	db: MeridianDB,
	cardIds: readonly string[]
): Promise<Map<string, CardState>> {
	const wanted = new Set(cardIds);
	const states = await db.getAll('cardStates');
	return new Map(states.filter((s) => wanted.has(s.cardId)).map((s) => [s.cardId, s]));
}
