/**
 * Pages rendered only in the browser (study, quiz, statistics) draw nothing until their JSON has
 * arrived, and their scripts only ask for it once they run. Their prerendered shells name that
 * JSON in `<link rel="preload">`, so on a slow network it downloads alongside the scripts instead
 * of one round trip after them. `fetch()` with its defaults reuses a preload made with
 * `as="fetch"` and `crossorigin`.
 */

const deckId = /^[a-z0-9-]+$/;

/** The JSON a route's browser-side `load` fetches first, or nothing for other routes. */
export function dataToPreload(routeId: string | null, params: Partial<Record<string, string>>) {
	switch (routeId) {
		case '/study/[deckId]':
		case '/quiz/[deckId]': {
			const id = params.deckId ?? '';
			return deckId.test(id) ? [`/decks/${id}.json`] : [];
		}
		case '/stats':
			return ['/decks/index.json', '/decks/all.json'];
		default:
			return [];
	}
}

/** `html` with a preload link for each JSON file and each script at the end of its head. */
export function withPreloads(
	html: string,
	{ data, scripts = [] }: { data: readonly string[]; scripts?: readonly string[] }
): string {
	const links = [
		...data.map((url) => `<link rel="preload" href="${url}" as="fetch" crossorigin="anonymous">`),
		...scripts.map((url) => `<link href="${url}" rel="modulepreload">`)
	];
	if (links.length === 0) return html;
	return html.replace('</head>', `\t${links.join('\n\t\t')}\n\t</head>`);
}

/** An entry of Vite's build manifest (`.vite/manifest.json`), as far as this module reads it. */
export interface ManifestChunk {
	file: string;
	name?: string;
	isEntry?: boolean;
}

/**
 * The script of SvelteKit's root error page, which its router imports as soon as it starts even
 * when nothing fails: a page drawn in the browser that does not preload it waits one more round
 * trip for it. Found in Vite's manifest of the browser build by its entry name, `nodes/1`.
 */
export function errorPageScript(manifest: Record<string, ManifestChunk>): string | undefined {
	const chunk = Object.values(manifest).find((c) => c.isEntry && c.name === 'nodes/1');
	return chunk && `/${chunk.file}`;
}

const modulePreload = /<link href="([^"]+)" rel="modulepreload">/g;

/**
 * `html` with its `<link rel="modulepreload">` tags moved together and ordered largest file first.
 * A browser opens six connections per host over HTTP/1.1; a page drawn in the browser waits for
 * its last script, and on a slow network that is the largest one unless it starts first. Files
 * `sizeOf` does not know keep their order after the others.
 */
export function largestScriptsFirst(
	html: string,
	sizeOf: (href: string) => number | undefined
): string {
	const tags = [...html.matchAll(modulePreload)].map((match, index) => ({
		tag: match[0],
		size: sizeOf(match[1] ?? '') ?? -1,
		index
	}));
	if (tags.length < 2) return html;
	const ordered = tags.toSorted((a, b) => b.size - a.size || a.index - b.index).map((t) => t.tag);
	let next = 0;
	return html.replace(modulePreload, (tag) => ordered[next++] ?? tag);
}
