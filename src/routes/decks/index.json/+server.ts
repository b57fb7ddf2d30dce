import { json } from '@sveltejs/kit';
import { getDecks } from '$lib/server/decks';

export const prerender = true;

export function GET() {
	return json(getDecks().index);
}
