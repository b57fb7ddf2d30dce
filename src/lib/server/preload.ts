import { CARD_INDEX_URL, DECK_INDEX_URL, deckUrl } from '$lib/content/urls';
import { SLUG } from '$lib/decks/ids';

/**
 * A page's scripts only ask for its JSON once they run. The page names that JSON in
 * `<link rel="preload">`, so on a slow network it downloads alongside the scripts instead of one
 * round trip after them: in the head for a page drawn only in the browser (study: its HTML is
 * empty), and with the scripts after the first paint for the quiz and statistics pages, whose HTML
 * is their first screen (boot-after-paint.ts). `fetch()` with its defaults reuses a preload made with
 * `as="fetch"` and `crossorigin`.
 */

/** The JSON a route's browser-side `load` fetches first, or nothing for other routes. */
export function dataToPreload(routeId: string | null, params: Partial<Record<string, string>>) {
	switch (routeId) {
		case '/study/[deckId]':
		case '/quiz/[deckId]': {
			const id = params.deckId ?? '';
			return SLUG.test(id) ? [deckUrl(id)] : [];
		}
		case '/stats':
			return [DECK_INDEX_URL, CARD_INDEX_URL];
		default:
			return [];
	}
}

/** Whether a route's page is drawn only in the browser (its HTML has nothing to paint). */
export const drawnInBrowser = (routeId: string | null) => routeId === '/study/[deckId]';

/** The tag that preloads the JSON at `url` for a `fetch()` with its defaults. */
export const preloadLink = (url: string) =>
	`<link rel="preload" href="${url}" as="fetch" crossorigin="anonymous">`;

/** `html` with a preload link for each URL at the end of its head. */
export function withPreloads(html: string, urls: readonly string[]): string {
	if (urls.length === 0) return html;
	const links = urls.map(preloadLink).join('\n\t\t');
	return html.replace('</head>', `\t${links}\n\t</head>`);
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

/** What a client build's manifest (`.vite/manifest.json`) says of a chunk, as far as read here. */
export interface ManifestChunk {
	file: string;
	imports?: string[];
}

/**
 * The modules (by source file) a route's page imports after its first screen has hydrated, which
 * its HTML still preloads: the browser downloads and parses a preloaded module without running
 * it, so the code is at hand when the page asks for it and the hydration does not run it. The
 * quiz's questions, answer inputs and results (QuizView.svelte).
 */
export function lazyModules(routeId: string | null): readonly string[] {
	return routeId === '/quiz/[deckId]' ? ['src/routes/quiz/[deckId]/QuizPlay.svelte'] : [];
}

/**
 * The files of the chunks of `sources` and of every chunk they import, each once, from the build's
 * manifest. A source the build does not have is an error: a renamed component would otherwise be
 * quietly left out of the page's preloads.
 */
export function chunkFiles(
	manifest: Record<string, ManifestChunk>,
	sources: readonly string[]
): string[] {
	const files = new Set<string>();
	const visit = (key: string) => {
		const chunk = manifest[key];
		if (!chunk) throw new Error(`${key} is not in the client build's manifest`);
		if (files.has(chunk.file)) return;
		files.add(chunk.file);
		for (const next of chunk.imports ?? []) visit(next);
	};
	for (const source of sources) visit(source);
	return [...files];
}

/**
 * `html` with a `<link rel="modulepreload">` for each of the build's `files` that it does not
 * preload yet, after its last one (so after the page's own scripts, which it needs first). The
 * links take the path in front of the page's own (`/` here; a base path if one is set).
 */
export function withModulePreloads(html: string, files: readonly string[]): string {
	const links = [...html.matchAll(modulePreload)];
	const last = links.at(-1);
	if (!last || last.index === undefined || files.length === 0) return html;
	const hrefs = links.map((link) => link[1] ?? '');
	const dir = files[0]!.slice(0, files[0]!.indexOf('/') + 1);
	const prefix = hrefs[0]!.slice(0, Math.max(0, hrefs[0]!.indexOf(dir)));
	const added = files
		.map((file) => prefix + file)
		.filter((href) => !hrefs.includes(href))
		.map((href) => `\n\t\t<link href="${href}" rel="modulepreload">`)
		.join('');
	const end = last.index + last[0].length;
	return html.slice(0, end) + added + html.slice(end);
}
