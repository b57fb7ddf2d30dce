import { error } from '@sveltejs/kit';
import type { Deck } from '$lib/decks/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
	const response = await fetch(`/decks/${params.id}.json`);
	if (!response.ok) error(response.status, `No deck "${params.id}"`);
	const deck: Deck = await response.json();
	return { deck };
};
