import { error } from '@sveltejs/kit';
import type { Deck } from '$lib/decks/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
	const response = await fetch(`/decks/${params.deckId}.json`);
	if (!response.ok) error(response.status, `No deck "${params.deckId}"`);
	const deck: Deck = await response.json();
	return { deck };
};
