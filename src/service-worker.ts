/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { base, build, files, prerendered, version } from '$service-worker';
import {
	addPlugins,
	cleanupOutdatedCaches,
	matchPrecache,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { APP_SHELL_PATH, SHELL_RENDERED_FOLDERS } from '$lib/pwa/app-shell.js';

const sw = self as unknown as ServiceWorkerGlobalScope;

// Install icons are only fetched by the browser while installing, online: not worth the space.
// (scripts/precache-size.js, which measures this list for the build's budget, skips them too.)
const offlineFiles = files.filter((url) => !url.startsWith(`${base}/icons/`));

// Deck pages are the bulk of the prerendered HTML (each carries its cards twice: rendered and as
// hydration data). Offline they render in the browser from the precached deck JSON instead, through
// the app shell below. The per-deck study pages are browser-rendered shells that differ only in
// their preload hints, and the quiz pages are the quiz's start screen, a first paint: both useful
// online only, so offline the app shell renders them in the browser from the deck JSON.
// (scripts/precache-size.js applies the same rule.)
const deckPage = new RegExp(`^/(${SHELL_RENDERED_FOLDERS.join('|')})/[^/.]+$`);
const isDeckPage = (url: string) => deckPage.test(url.slice(base.length));
const offlinePages = prerendered.filter((url) => !isDeckPage(url));

const APP_SHELL = `${base}${APP_SHELL_PATH}`;

// Workbox fetches revised entries with `cache: 'reload'`, past the HTTP cache, so a first visit
// downloaded its page and the JSON the page had just fetched a second time. `no-cache` asks the
// server instead whether the copy in the HTTP cache is current (its ETag): an unchanged file
// answers 304 with no body, and a file changed since (a new version) is downloaded as before.
addPlugins([
	{
		requestWillFetch: async ({ request }) =>
			request.cache === 'reload' && request.mode !== 'navigate'
				? new Request(request, { cache: 'no-cache' })
				: request
	}
]);

// The precache holds the whole app: hashed assets need no revision; static files, prerendered
// pages and deck JSON are revised by the build's version.
precacheAndRoute(
	[
		...build.map((url) => ({ url, revision: null })),
		...[...offlineFiles, ...offlinePages].map((url) => ({ url, revision: version }))
	],
	// Prerendered pages do not vary by query string (?deck=, ?utm_...), so match on the path alone.
	{ ignoreURLParametersMatching: [/.*/] }
);
cleanupOutdatedCaches();

// A navigation the precache cannot answer (a deck page, a trailing slash, a route added by a later
// version, a server-only page) tries the network and, offline, falls back to the cached page for
// the path without its trailing slash or else to the app shell, which renders the path in the
// browser, rather than the browser's offline error.
registerRoute(
	new NavigationRoute(async ({ request }) => {
		try {
			return await fetch(request);
		} catch (error) {
			const path = new URL(request.url).pathname.replace(/\/+$/, '') || '/';
			const response = (await matchPrecache(path)) ?? (await matchPrecache(APP_SHELL));
			if (response) return response;
			throw error;
		}
	})
);

// A new version waits until the user accepts the update prompt (or every tab is closed): switching
// in the middle of a study session or quiz could mix old pages with new assets.
sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

// The first install has no older version to clash with, so it takes control straight away and the
// very first visit is already offline-ready; an update only gets here after SKIP_WAITING.
sw.addEventListener('activate', (event) => event.waitUntil(sw.clients.claim()));

// Background Sync: when the connection returns, ask any open Meridian tab to send its outbox of
// quiz submissions (the tab owns IndexedDB access and the retry bookkeeping).
sw.addEventListener('sync', (event) => {
	const syncEvent = event as ExtendableEvent & { tag?: string };
	if (syncEvent.tag !== 'meridian-outbox') return;
	syncEvent.waitUntil(
		sw.clients
			.matchAll({ type: 'window' })
			.then((clients) => clients.forEach((client) => client.postMessage({ type: 'FLUSH_OUTBOX' })))
	);
});
