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
