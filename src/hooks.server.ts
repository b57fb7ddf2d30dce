import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { building } from '$app/environment';
import { startDatabase } from '$lib/server/db';
import { getDecks } from '$lib/server/decks';
import { bootAfterPaint } from '$lib/server/boot-after-paint';
import {
	chunkFiles,
	dataToPreload,
	drawnInBrowser,
	largestScriptsFirst,
	lazyModules,
	withModulePreloads,
	withPreloads,
	type ManifestChunk
} from '$lib/server/preload';
import {
	failureOf,
	finishApiResponse,
	isApiPath,
	recordFailure,
	refuseEarly,
	withSecurityHeaders
} from '$lib/server/guard';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';

/**
 * Opens the database (creating and migrating it) and compiles the decks before the server takes
 * its first request, so a bad DATABASE_PATH fails at start and the first students of a class are
 * not kept waiting behind the compiler. Skipped while prerendering at build time.
 */
export const init: ServerInit = async () => {
	if (building) return;
	await startDatabase();
	getDecks();
};

// While prerendering, the browser's build is already on disk (svelte.config.js names the folder).
const clientBuild = join(process.env.MERIDIAN_KIT_OUT ?? '.svelte-kit', 'output', 'client');

/** Sizes of built browser files, read once each (every study and quiz page lists the same ones). */
const builtSizes = new Map<string, number | undefined>();

/** The size of a built browser file, known only while prerendering. */
function builtSize(href: string): number | undefined {
	if (!building) return undefined;
	if (!builtSizes.has(href)) {
		let size: number | undefined;
		try {
			size = statSync(join(clientBuild, href)).size;
		} catch {
			// Not in the build: largestScriptsFirst keeps it after the files it knows.
		}
		builtSizes.set(href, size);
	}
	return builtSizes.get(href);
}

let clientManifest: Record<string, ManifestChunk> | undefined;

/**
 * The build's files for the code a route imports after its first screen (preload.ts,
 * `lazyModules`), read from the browser build's manifest while prerendering. Every page that has
 * such code is prerendered, so the server running later has none to add (and no manifest).
 */
function lazyFiles(routeId: string | null): string[] {
	const sources = lazyModules(routeId);
	if (!building || sources.length === 0) return [];
	clientManifest ??= JSON.parse(
		readFileSync(join(clientBuild, '.vite', 'manifest.json'), 'utf8')
	) as Record<string, ManifestChunk>;
	return chunkFiles(clientManifest, sources);
}

/**
 * Every request: a cross-site form or an unknown `/api/` path is refused before any route runs;
 * API answers take the API's shape (JSON `{ error }`, no-store); every answer gets the security
 * headers. Pages drawn in the browser (study) start downloading their JSON with their HTML, and
 * their largest scripts first (see preload.ts); every other page's scripts, and the quiz and
 * statistics pages' JSON, start after its first paint (boot-after-paint.ts), with the code the
 * quiz page imports once its start screen has hydrated (`lazyFiles`).
 */
export const handle: Handle = async ({ event, resolve }) => {
	const refused = refuseEarly(event);
	const api = isApiPath(event.url.pathname);
	if (refused) return withSecurityHeaders(api ? await finishApiResponse(refused) : refused);
	if (api) {
		const response = await resolve(event);
		return withSecurityHeaders(await finishApiResponse(failureOf(event.request) ?? response));
	}
	const urls = dataToPreload(event.route.id, event.params);
	let hashes: { from: string; to: string } | undefined;
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => {
			// A page drawn only in the browser has its data preloaded and nothing to paint first.
			if (drawnInBrowser(event.route.id)) {
				return largestScriptsFirst(withPreloads(html, urls), builtSize);
			}
			const booted = bootAfterPaint(withModulePreloads(html, lazyFiles(event.route.id)), urls);
			hashes = booted.hashes;
			return booted.html;
		}
	});
	// A page rendered per request carries its policy in a header: the start script's new hash.
	const policy = response.headers.get('content-security-policy');
	if (hashes && policy) {
		response.headers.set('content-security-policy', policy.replaceAll(hashes.from, hashes.to));
	}
	return withSecurityHeaders(response);
};

/**
 * An unexpected error: logged, and on the API answered through http.ts's one error mapping (a
 * full disk 503 with Retry-After, anything else 500), never SvelteKit's bare page.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (isApiPath(event.url.pathname)) {
		recordFailure(event.request, error);
		return { message };
	}
	if (status !== 404) console.error(error);
	return { message };
};
