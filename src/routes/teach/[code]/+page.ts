// The dashboard reads live results with a key kept in the URL fragment: rendered in the browser, never prerendered.
export const prerender = false;
export const ssr = false;
