// Groups the browser's JavaScript into a few chunks by what pages share, so that a first visit on
// a slow network waits for about ten requests instead of thirty (each costs a round trip, and
// HTTP/1.1 opens six at a time). Route code, and the libraries only one route uses (d3, qrcode,
// diff), stay with their route. Figures: docs/benchmarks.md, "Lighthouse".

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Svelte's browser runtime, which every page runs. */
const svelte = /node_modules\/(svelte|esm-env|clsx)\//;

/** SvelteKit's client router and what it needs; workbox-window registers the service worker. */
const kit = /node_modules\/(@sveltejs\/kit|devalue|workbox-window)\/|vite\/preload-helper/;

/**
 * ts-fsrs, the scheduler, which the quiz, home, deck, essay and stats pages run as they load and
 * the study page only after its first card; with it, the app's modules the study page imports
 * then (`laterRoots`, issue 18).
 */
const scheduling = /node_modules\/ts-fsrs\//;

/**
 * The app's other shared modules and the storage and validation libraries under them, that pages
 * import statically (`$initial` below).
 */
const shared = /\/src\/lib\/|node_modules\/(idb|valibot)\//;

/**
 * The study page's own route files, and the layout's: the study page is the one whose first paint
 * (its card) waits for its scripts, so the shared modules it imports as it loads are a chunk of
 * their own (`shared`), and those only other pages import another (`shared-pages`). Without this
 * the study page downloaded every page's shared code (issue 18: about a quarter of the chunk it
 * waited for was other pages': the classes' API, the calendar file, the QR code, the transfer).
 */
const firstPaintRoots = [
	'src/routes/+layout.svelte',
	'src/routes/+layout.ts',
	'src/routes/study/[deckId]/+page.svelte',
	'src/routes/study/[deckId]/+page.ts'
];

/**
 * What the study page imports once its first card is painted: the scheduler, the rating and undo,
 * the answer's and the session end's components. Their shared modules go with ts-fsrs into
 * `scheduling`, which the other pages load anyway, rather than into `shared-pages`: the study page
 * then downloads only what it needs after its card, in a chunk with no stylesheet (their components
 * inject their styles), and no other page loads one chunk more.
 */
const laterRoots = ['src/routes/study/[deckId]/after-card.ts'];

/**
 * The modules the roots import statically, directly or not (for `firstPaintRoots`, what the study
 * page runs as it loads; what it imports with `import()` is left out).
 * @param {{ getModuleInfo(id: string): { importedIds: readonly string[] } | null }} ctx
 * @param {string} root
 * @param {readonly string[]} [files]
 */
function staticClosure(ctx, root, files = firstPaintRoots) {
	const seen = new Set();
	const roots = files.map((file) => resolve(root, file));
	// A root renamed or moved would leave the study page's modules out of `shared` without a word.
	const missing = files.filter((_, i) => !ctx.getModuleInfo(roots[i] ?? ''));
	if (missing.length > 0) {
		throw new Error(`client-chunks: ${missing.join(', ')} not in the build (under ${root})`);
	}
	const stack = [...roots];
	while (stack.length > 0) {
		const id = /** @type {string} */ (stack.pop());
		if (seen.has(id)) continue;
		const info = ctx.getModuleInfo(id);
		if (!info) continue;
		seen.add(id);
		stack.push(...info.importedIds);
	}
	return seen;
}

/** Where the client build's chunk contents are written for `scripts/bundle-map.js`. */
export const chunkModulesFile = 'chunk-modules.json';

/** @returns {import('vite').Plugin} */
export function clientChunks() {
	let root = process.cwd();
	/** The study page's modules, and what it imports after its first card (`laterRoots`). */
	let firstPaint = new Set();
	let later = new Set();
	return {
		name: 'meridian-client-chunks',
		apply: 'build',
		configResolved(config) {
			root = config.root;
		},
		// Found before the chunks are made (the groups' tests below read them), in the client build.
		renderStart(options) {
			if (!options.dir?.replaceAll('\\', '/').endsWith('output/client')) return;
			firstPaint = staticClosure(this, root);
			later = staticClosure(this, root, laterRoots);
		},
		// Each chunk's modules and their rendered sizes, beside (not inside) the client output, so
		// the bundle map can say what a page's preloaded chunk holds; nothing here is served.
		generateBundle(options, bundle) {
			const dir = options.dir;
			if (!dir?.replaceAll('\\', '/').endsWith('output/client')) return;
			/** @type {Record<string, Record<string, number>>} */
			const chunks = {};
			for (const item of Object.values(bundle)) {
				if (item.type !== 'chunk') continue;
				chunks[item.fileName] = Object.fromEntries(
					Object.entries(item.modules).map(([id, module]) => [id, module.renderedLength])
				);
			}
			mkdirSync(dirname(dir), { recursive: true });
			writeFileSync(join(dirname(dir), chunkModulesFile), JSON.stringify(chunks));
		},
		outputOptions(options) {
			// The server bundle is left as Vite makes it.
			if (!options.dir?.replaceAll('\\', '/').endsWith('output/client')) return;
			return {
				...options,
				codeSplitting: {
					groups: [
						{ name: 'svelte', test: svelte, priority: 5 },
						{ name: 'kit', test: kit, priority: 4 },
						// A group takes in what its modules import, first come first served (by
						// priority): the first paint's modules are all taken before the modules of
						// `scheduling`, which import them, can take them.
						{
							name: 'shared',
							test: (id) => shared.test(id) && firstPaint.has(id),
							minShareCount: 2,
							priority: 3,
							tags: ['$initial']
						},
						{
							name: 'scheduling',
							test: (id) => scheduling.test(id) || (shared.test(id) && later.has(id)),
							minShareCount: 2,
							priority: 2
						},
						{
							name: 'shared-pages',
							test: shared,
							minShareCount: 2,
							priority: 1,
							// Only what some page runs as it loads: code a page imports when the student
							// asks for it (the backup, with its validation and compression) stays in
							// its own chunk instead of being preloaded by every page.
							tags: ['$initial']
						}
					]
				}
			};
		}
	};
}
