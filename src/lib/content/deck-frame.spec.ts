import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import type { DeckIndex } from '$lib/decks/types';
import { fetchDeckFrame } from './deck-frame';

const index = {
	essay: {},
	decks: [
		{
			id: 'history',
			title: 'History',
			description: 'From the first envoys on.',
			kind: 'section',
			cardCount: 20,
			hash: 'abc'
		}
	]
} as unknown as DeckIndex;

/** A `fetch` that serves the list of decks, recording what was asked for. */
function indexFetch() {
	const calls: string[] = [];
	const fetch = (async (input: RequestInfo | URL) => {
		calls.push(String(input));
		return Response.json(index);
	}) as typeof globalThis.fetch;
	return { fetch, calls };
}

describe('fetchDeckFrame', () => {
	it('is the deck as the list of decks describes it, with no cards, from that list alone', async () => {
		const { fetch, calls } = indexFetch();
		expect(await fetchDeckFrame(fetch, 'history')).toEqual({
			id: 'history',
			title: 'History',
			description: 'From the first envoys on.',
			kind: 'section',
			hash: 'abc',
			cards: []
		});
		expect(calls).toEqual(['/decks/index.json']);
	});

	it('is a 404 for an id the list does not name, as for a deck file that is not there', async () => {
		const { fetch } = indexFetch();
		const thrown: unknown = await fetchDeckFrame(fetch, 'nope').catch((e: unknown) => e);
		expect(isHttpError(thrown) && [thrown.status, thrown.body.message]).toEqual([
			404,
			'The deck "nope" was not found.'
		]);
	});
});
