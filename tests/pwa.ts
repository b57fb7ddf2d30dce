import type { Page } from '@playwright/test';

/** Waits until the service worker has precached the app and controls the page. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (navigator.serviceWorker.controller) return;
		await new Promise((resolve) =>
			navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
		);
	});
}

/**
 * The build version in the precache (the `__WB_REVISION__` of its entries). While a new version
 * waits, both versions' entries are there; the old ones go when the new version activates.
 */
export async function precachedVersion(page: Page): Promise<string | null> {
	return page.evaluate(async () => {
		const name = (await caches.keys()).find((key) => key.includes('precache'));
		if (!name) return null;
		const keys = await (await caches.open(name)).keys();
		const revisions = new Set(
			keys.map((request) => new URL(request.url).searchParams.get('__WB_REVISION__'))
		);
		revisions.delete(null);
		return revisions.size === 1 ? [...revisions][0]! : `mixed: ${[...revisions].join(', ')}`;
	});
}
