// A class's pages read its key from this device (or a link's fragment) and live data from the
// API: rendered in the browser, never prerendered.
export const prerender = false;
export const ssr = false;
