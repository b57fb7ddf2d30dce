import { error } from '@sveltejs/kit';
import type { Deck } from './types';

/** Loads a deck from its prerendered JSON (cached by the service worker); 404s an unknown id. */
export async function fetchDeck(fetch: typeof globalThis.fetch, id: string): Promise<Deck> {
	const response = await fetch(`/decks/${id}.json`);
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
