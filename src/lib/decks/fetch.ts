import { error } from '@sveltejs/kit';
import type { Deck } from './types';

/** Where the prerendered list of decks is served. */
export const DECK_INDEX_URL = '/decks/index.json';

/** Where a deck's prerendered JSON is served (`all` is the deck of the whole essay). */
export const deckUrl = (id: string) => `/decks/${id}.json`;

/** Loads a deck from its prerendered JSON (cached by the service worker); 404s an unknown id. */
export async function fetchDeck(fetch: typeof globalThis.fetch, id: string): Promise<Deck> {
	const response = await fetch(deckUrl(id));
	if (!response.ok) error(response.status, `No deck "${id}"`);
	return response.json();
}

let wholeEssay: Promise<Deck> | undefined;

/**
 * The deck of the whole essay, fetched and parsed once per page load however many parts of a page
 * need it (home's counts and its knowledge map); a failed fetch is not kept.
 */
export function fetchWholeEssayDeck(fetch: typeof globalThis.fetch): Promise<Deck> {
	wholeEssay ??= fetchDeck(fetch, 'all').catch((failure: unknown) => {
		wholeEssay = undefined;
		throw failure;
	});
	return wholeEssay;
}
