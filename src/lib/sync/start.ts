/** How long after the app starts the outbox's first send waits (other triggers send at once). */
export const START_DELAY_MS = 2_000;

/**
 * Imports the classes' outbox (and the API client under it) once the first send's wait is over,
 * and starts it with no further wait. The first send waits anyway, so that its transactions do
 * not delay the page's own first reads; importing only then keeps the outbox's code off every
 * page's first download too (issue 18: the study page, whose first paint waits for its scripts,
 * no longer downloads it first). Should the import fail (offline, before the service worker has
 * the app), what waits stays in the outbox, and the next page sends it.
 *
 * Only the layout imports this module, so it is in the layout's chunk: were it in the chunk that
 * pages share, SvelteKit would take the outbox's chunk for a lazy one of every page and leave its
 * stylesheet out of their HTML (tests/loading.e2e.ts checks no page fetches a stylesheet).
 */
export function startOutboxSoon(): void {
	setTimeout(() => {
		import('./sync.svelte').then(
			({ outbox }) => outbox.start(0),
			() => undefined
		);
	}, START_DELAY_MS);
}
