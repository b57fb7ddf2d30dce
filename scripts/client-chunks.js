// Groups the browser's JavaScript into a few chunks by what pages share, so that a first visit on
// a slow network waits for about ten requests instead of thirty (each costs a round trip, and
// HTTP/1.1 opens six at a time). Route code, and the libraries only one route uses (d3, qrcode,
// diff), stay with their route. Figures: docs/benchmarks.md, "Lighthouse".

/** Svelte's browser runtime, which every page runs. */
const svelte = /node_modules\/(svelte|esm-env|clsx)\//;

/** SvelteKit's client router and what it needs; workbox-window registers the service worker. */
const kit = /node_modules\/(@sveltejs\/kit|devalue|workbox-window)\/|vite\/preload-helper/;

/** Spaced-repetition scheduling, which the study, quiz, home, deck, essay and stats pages use. */
const scheduling = /node_modules\/ts-fsrs\/|\/src\/lib\/srs\//;

/** The app's other shared modules and the storage and validation libraries under them. */
const shared = /\/src\/lib\/|node_modules\/(idb|valibot)\//;

/** @returns {import('vite').Plugin} */
export function clientChunks() {
	return {
		name: 'meridian-client-chunks',
		apply: 'build',
		outputOptions(options) {
			// The server bundle is left as Vite makes it.
			if (!options.dir?.replaceAll('\\', '/').endsWith('output/client')) return;
			return {
				...options,
				codeSplitting: {
					groups: [
						{ name: 'svelte', test: svelte, priority: 4 },
						{ name: 'kit', test: kit, priority: 3 },
						{ name: 'scheduling', test: scheduling, minShareCount: 2, priority: 2 },
						{ name: 'shared', test: shared, minShareCount: 2, priority: 1 }
					]
				}
			};
		}
	};
}
