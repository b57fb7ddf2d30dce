// The service worker's precache, measured the way src/service-worker.ts builds it: the client
// bundle (`build`), the static files (`files`) and every prerendered page and JSON file
// (`prerendered`). `precacheBudget()` is a Vite plugin that prints the total after each production
// build and fails it when the gzip size, what a phone downloads to install the app, is over budget.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { APP_SHELL_PATH, SHELL_RENDERED_FOLDERS } from '../src/lib/pwa/app-shell.js';

// SvelteKit's output, in its outDir (svelte.config.js moves it for the update test's builds).
const OUTPUT = join(process.env.MERIDIAN_KIT_OUT ?? '.svelte-kit', 'output');
export const PRECACHE_BUDGET_KB = 660;

/** @param {string} dir @returns {string[]} */
function walk(dir) {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}

/** Files in the precache, as paths on disk. */
export function precacheFiles(output = OUTPUT) {
	/** @type {Record<string, { file: string, css?: string[], assets?: string[] }>} */
	const manifest = JSON.parse(readFileSync(join(output, 'client/.vite/manifest.json'), 'utf8'));
	const build = new Set();
	for (const { file, css = [], assets = [] } of Object.values(manifest)) {
		for (const f of [file, ...css, ...assets]) build.add(join(output, 'client', f));
	}
	// src/service-worker.ts leaves the install icons out of the precache.
	const files = walk('static')
		.filter((f) => !f.startsWith(join('static', 'icons')))
		.map((f) => join(output, 'client', relative('static', f)));
	// src/service-worker.ts leaves the per-deck pages out too (deck, study and quiz pages render
	// offline in the browser from the deck JSON, through the app shell, APP_SHELL_PATH).
	const deckPages = SHELL_RENDERED_FOLDERS.map((dir) => join(output, 'prerendered', 'pages', dir));
	const prerendered = walk(join(output, 'prerendered')).filter(
		(f) => !(deckPages.some((dir) => f.startsWith(dir + '/')) && f.endsWith('.html'))
	);
	return [...build, ...files, ...prerendered].filter((f) => !f.endsWith('.DS_Store'));
}

/** Total raw (as stored in Cache Storage) and gzip (as transferred) size of the precache. */
export function precacheSize(output = OUTPUT) {
	const files = precacheFiles(output);
	let raw = 0;
	let gzip = 0;
	for (const file of files) {
		const bytes = readFileSync(file);
		raw += bytes.length;
		gzip += gzipSync(bytes, { level: 9 }).length;
	}
	return { entries: files.length, raw, gzip };
}

/** @returns {import('vite').Plugin} */
export function precacheBudget() {
	let ssr = false;
	return {
		name: 'meridian-precache-budget',
		apply: 'build',
		configResolved(config) {
			ssr = Boolean(config.build.ssr);
		},
		// After SvelteKit has prerendered, built the service worker and run the adapter.
		closeBundle: {
			order: 'post',
			sequential: true,
			handler() {
				if (!ssr || !existsSync(join(OUTPUT, 'client/service-worker.js'))) return;
				// Without the shell in the precache, offline the pages it leaves out would not load.
				if (!existsSync(join(OUTPUT, 'prerendered', 'pages', `${APP_SHELL_PATH}.html`))) {
					throw new Error(`The app shell ${APP_SHELL_PATH} was not prerendered`);
				}
				const { entries, raw, gzip } = precacheSize();
				const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
				console.log(
					`\nPrecache: ${entries} entries, ${kb(gzip)} gzip to download ` +
						`(budget ${PRECACHE_BUDGET_KB} KB), ${kb(raw)} uncompressed in Cache Storage`
				);
				if (gzip > PRECACHE_BUDGET_KB * 1024) {
					throw new Error(`Precache is over budget: ${kb(gzip)} gzip > ${PRECACHE_BUDGET_KB} KB`);
				}
			}
		}
	};
}
