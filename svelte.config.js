import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES, withSecurityHeaders } from './src/lib/server/security-headers.js';

const out = process.env.MERIDIAN_BUILD_OUT ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		// MERIDIAN_BUILD_OUT, MERIDIAN_KIT_OUT and MERIDIAN_VERSION let the update test build two
		// versions side by side without touching `build` or `.svelte-kit`.
		// Every response the built server sends carries the security headers (security-headers.js).
		adapter: withSecurityHeaders(adapter({ out }), out),
		outDir: process.env.MERIDIAN_KIT_OUT ?? '.svelte-kit',
		// Absolute asset paths: a prerendered shell served for a nested route must still find its assets.
		paths: { relative: false },
		// Small stylesheets go inline, so the first paint waits for no CSS request on a slow network.
		inlineStyleThreshold: 8192,
		prerender: {
			handleHttpError: 'fail',
			// `/essay#q-<cardId>` names a card, not an element: the reader finds and highlights its
			// quote in the browser. Every other missing id still fails the build.
			handleMissingId: ({ id, message }) => {
				if (!id.startsWith('q-')) throw new Error(message);
			}
		},
		// Hashes, not nonces: prerendered pages (and the app shell the service worker serves for any
		// path) are the same file for every visitor, so a nonce could not be fresh.
		csp: { mode: 'hash', directives: CSP_DIRECTIVES },
		// SvelteKit's own cross-site form check answers in plain text; src/hooks.server.ts makes the
		// same check and answers the API's JSON `{ error }` on /api paths.
		csrf: { trustedOrigins: ['*'] },
		// Registered by src/lib/pwa with workbox-window, so a new version waits for the user's consent.
		serviceWorker: { register: false },
		...(process.env.MERIDIAN_VERSION ? { version: { name: process.env.MERIDIAN_VERSION } } : {})
	}
};

export default config;
