import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { CSP_DIRECTIVES, withSecurityHeaders } from './src/lib/server/security-headers.js';

/**
 * The app's version: a hash of what goes into the build. SvelteKit's default is the build's time,
 * and it names a global in its router's chunk (`__sveltekit_<hash of the version>`), so that chunk,
 * and the chunk importing it, got new names on every build of the same source and every deploy
 * re-downloaded them. This config is loaded by every dev server, svelte-check and vitest start, so
 * the version is not a hash of every file: it is git's own hashes of the inputs at HEAD (one
 * `git rev-parse`) plus the contents of the inputs changed since (`git status`), a few
 * milliseconds whatever the size of the tree. Null (SvelteKit's default) where git cannot answer.
 */
function sourceVersion() {
	const inputs = [
		'src',
		'static',
		'questions',
		'scripts',
		'package-lock.json',
		'svelte.config.js',
		'vite.config.ts'
	];
	const git = (/** @type {string[]} */ args) =>
		execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	try {
		const hash = createHash('sha256');
		hash.update(git(['rev-parse', ...inputs.map((input) => `HEAD:${input}`)]));
		// Changed, added, deleted and untracked (not ignored) files under the inputs, by content.
		const changed = git([
			'status',
			'--porcelain=v1',
			'-z',
			'--untracked-files=all',
			'--',
			...inputs
		])
			.split('\0')
			.filter((entry) => entry.length > 3)
			.map((entry) => entry.slice(3))
			.sort();
		for (const file of changed) {
			hash.update(file).update('\0');
			hash.update(existsSync(file) ? readFileSync(file) : 'deleted').update('\0');
		}
		return hash.digest('hex').slice(0, 16);
	} catch {
		return null;
	}
}

const version = process.env.MERIDIAN_VERSION ?? sourceVersion();
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
		...(version ? { version: { name: version } } : {})
	}
};

export default config;
