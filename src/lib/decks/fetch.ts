import { error } from '@sveltejs/kit';
import type { Deck } from './types';

/** Loads a deck from its prerendered JSON (cached by the service worker); 404s an unknown id. */
export async function fetchDeck(fetch: typeof globalThis.fetch, id: string): Promise<Deck> {
	const response = await fetch(`/decks/${id}.json`);
	if (!response.ok) error(response.status, `No deck "${id}"`);
	return response.json();
}
