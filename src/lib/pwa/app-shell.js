// Plain JavaScript, so that scripts/precache-size.js (run by Vite's config) can import it too.

/**
 * The page the service worker serves, offline, for a navigation its precache cannot answer
 * (src/routes/app-shell). It renders only in the browser, so its prerendered HTML is an empty
 * shell with the app's scripts, and SvelteKit's router then renders the path that was asked for.
 */
export const APP_SHELL_PATH = '/app-shell';
