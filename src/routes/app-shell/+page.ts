// The service worker's offline fallback ($lib/pwa/app-shell.js): rendered in the browser only, so
// the prerendered page is an empty shell that renders whichever path it is served for.
export const ssr = false;
