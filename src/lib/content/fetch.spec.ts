import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { fetchDeck, fetchJson } from './fetch';

/** A `fetch` that answers every request with `respond()`, counting the calls. */
function fakeFetch(respond: () => Response | Promise<Response>) {
	const calls: string[] = [];
	const fetch = (async (input: RequestInfo | URL) => {
		calls.push(String(input));
		return respond();
	}) as typeof globalThis.fetch;
	return { fetch, calls };
}

/** The status and message of the SvelteKit error `promise` rejects with. */
async function failure(promise: Promise<unknown>) {
	const thrown: unknown = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	if (!isHttpError(thrown)) throw new Error(`expected an HTTP error, got ${String(thrown)}`);
	return { status: thrown.status, message: thrown.body.message };
}

describe('fetchJson', () => {
	it('returns the parsed body of a good answer', async () => {
		const { fetch, calls } = fakeFetch(() => Response.json({ id: 'sco' }));
		expect(await fetchJson(fetch, '/decks/sco.json', 'The deck')).toEqual({ id: 'sco' });
		expect(calls).toEqual(['/decks/sco.json']);
	});

	// The bug: four loads parsed an error page as JSON, so the student saw a parse error.
	it('turns a failed answer into an error page naming what could not be loaded', async () => {
		const { fetch } = fakeFetch(() => new Response('<h1>Bad gateway</h1>', { status: 502 }));
		expect(await failure(fetchJson(fetch, '/essay.json', 'The essay'))).toEqual({
			status: 502,
			message: 'The essay could not be loaded (502).'
		});
	});

	it('says a missing file was not found', async () => {
		const { fetch } = fakeFetch(() => new Response('Not found', { status: 404 }));
		expect(await failure(fetchDeck(fetch, 'nope'))).toEqual({
			status: 404,
			message: 'The deck "nope" was not found.'
		});
	});

	it('says there is no connection when the request itself fails', async () => {
		const { fetch } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
		expect(await failure(fetchJson(fetch, '/timeline.json', 'The timeline'))).toEqual({
			status: 503,
			message: 'The timeline could not be loaded: there is no connection and no saved copy.'
		});
	});

	it('says so when a good answer is not JSON', async () => {
		const { fetch } = fakeFetch(() => new Response('<!doctype html>', { status: 200 }));
		expect(await failure(fetchJson(fetch, '/decks/index.json', 'The list of decks'))).toEqual({
			status: 502,
			message: 'The list of decks could not be loaded: the server sent something that is not JSON.'
		});
	});
});
