import { error } from '@sveltejs/kit';
import type { CardIndexEntry, Deck, DeckIndex } from '$lib/decks/types';
import { CARD_INDEX_URL, DECK_INDEX_URL, deckUrl } from './urls';

/**
 * The JSON at `url`, fetched with the `fetch` SvelteKit gives a load (offline the service worker's
 * cache answers it). A request that fails becomes SvelteKit's error page with a message naming
 * `what` could not be loaded, rather than a JSON parse error or an unexplained "Internal Error".
 *
 * @param what what the file holds, as the start of a sentence: `The list of decks`.
 */
export async function fetchJson<T>(
	fetch: typeof globalThis.fetch,
	url: string,
	what: string
): Promise<T> {
	let response: Response;
	try {
		response = await fetch(url);
	} catch {
		error(503, `${what} could not be loaded: there is no connection and no saved copy.`);
	}
	if (response.status === 404) error(404, `${what} was not found.`);
	if (!response.ok) error(response.status, `${what} could not be loaded (${response.status}).`);
	try {
		return (await response.json()) as T;
	} catch {
		error(502, `${what} could not be loaded: the server sent something that is not JSON.`);
	}
}

/** The list of decks, with the essay's attribution. */
export const fetchDeckIndex = (fetch: typeof globalThis.fetch) =>
	fetchJson<DeckIndex>(fetch, DECK_INDEX_URL, 'The list of decks');

/** Every card's id, section and tags, in the whole essay deck's order. */
export const fetchCardIndex = (fetch: typeof globalThis.fetch) =>
	fetchJson<CardIndexEntry[]>(fetch, CARD_INDEX_URL, 'The list of cards');

/** A deck from its prerendered JSON; an unknown id is a 404 page. */
export const fetchDeck = (fetch: typeof globalThis.fetch, id: string) =>
	fetchJson<Deck>(fetch, deckUrl(id), `The deck "${id}"`);
