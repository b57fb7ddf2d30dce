import { createHash } from 'node:crypto';
import { preloadLink } from './preload';

/**
 * Every page is prerendered: its HTML is a whole first paint, with nothing to wait for. SvelteKit
 * still names the page's scripts in `<link rel="modulepreload">` tags and starts them from an
 * inline script at the end of the body, so on a fast network they have downloaded, and on a
 * phone started to run, before the browser paints; a phone's first paint then waits for them,
 * and Lighthouse's model of a slow network counts every one of them before the largest paint
 * (issue 18: LCP 1.5-1.9 s against FCP 1.1-1.3 s on every page).
 *
 * `bootAfterPaint` leaves the tags in the HTML but inside an inert `<template>` (nothing in it is
 * fetched), and makes the start script wait for the first paint (the browser's paint entry, or a
 * frame where it has none): then it puts the tags in the head, so every script downloads at once
 * as before, and imports the entry points. A page loaded in a hidden tab, which paints no frame,
 * starts at once. (The start script has no comments: it is in every page.) The JSON a page's
 * scripts fetch first (`data`: the quiz page's deck, the statistics page's deck and card indexes)
 * goes into the template too, ahead of the scripts: it downloads with them, and Lighthouse's model
 * counts no request that finished before the first paint ahead of the paint. Pages drawn only in
 * the browser (study: its HTML is empty) have nothing to paint first; the hook leaves them as they
 * are. The policy's hash of the start script is replaced by the new script's, in the `<meta>` tag
 * (prerendered pages) and, through the hashes returned, in the `content-security-policy` header
 * of a page rendered per request.
 */

const modulePreload = /[ \t]*<link href="[^"]+" rel="modulepreload">\n?/g;
const startScript = /<script>(\s*\{\s*__sveltekit_[\s\S]*?)<\/script>/;

/** The template's id, which the start script reads. */
export const PRELOADS_ID = 'meridian-preloads';

/** A script's hash as a Content Security Policy source: `'sha256-...'`. */
export function scriptHash(script: string): string {
	return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}

export interface BootAfterPaint {
	html: string;
	/** The start script's hash before and after, when it changed. */
	hashes?: { from: string; to: string };
}

/**
 * `html` with its scripts, and a preload of each URL of `data`, started after the first paint (see
 * above); unchanged without preload links and start script.
 */
export function bootAfterPaint(html: string, data: readonly string[] = []): BootAfterPaint {
	const script = startScript.exec(html)?.[1];
	const links = html.match(modulePreload);
	if (!script || !links || !script.includes('Promise.all([')) return { html };
	const end = script.lastIndexOf('}');
	const started =
		script.slice(0, end).replace('Promise.all([', 'const boot = () => Promise.all([') +
		`\tlet started = false;
					const start = () => {
						if (started) return;
						started = true;
						const preloads = document.getElementById('${PRELOADS_ID}');
						if (preloads) document.head.append(preloads.content);
						boot();
					};
					if (document.visibilityState === 'hidden') start();
					else if (PerformanceObserver.supportedEntryTypes?.includes('paint')) {
						new PerformanceObserver((_, observer) => {
							observer.disconnect();
							setTimeout(start, 0);
						}).observe({ type: 'paint', buffered: true });
					} else requestAnimationFrame(() => setTimeout(start, 0));
				` +
		script.slice(end);
	const from = scriptHash(script);
	const to = scriptHash(started);
	const tags = [...data.map(preloadLink), ...links.map((l) => l.trim())];
	const template = `<template id="${PRELOADS_ID}">${tags.join('')}</template>`;
	let placed = false;
	const out = html
		.replace(modulePreload, () => {
			if (placed) return '';
			placed = true;
			return `\t\t${template}\n`;
		})
		.replace(script, () => started)
		.replaceAll(from, to);
	return { html: out, hashes: { from, to } };
}
