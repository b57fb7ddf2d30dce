// Plain JavaScript, so that scripts/precache-size.js (run by Vite's config) can import it too.

/**
 * The page the service worker serves, offline, for a navigation its precache cannot answer
 * (src/routes/app-shell). It renders only in the browser, so its prerendered HTML is an empty
 * shell with the app's scripts, and SvelteKit's router then renders the path that was asked for.
 */
export const APP_SHELL_PATH = '/app-shell';

/**
 * The folders of per-deck pages (deck, study, quiz) the precache leaves out: offline the app shell
 * renders them in the browser from the precached deck JSON. Used by src/service-worker.ts and
 * scripts/precache-size.js, so that both apply the same rule.
 */
export const SHELL_RENDERED_FOLDERS = ['decks', 'study', 'quiz'];
