// Joining reads a live assignment from the server: rendered in the browser, never prerendered.
export const prerender = false;
export const ssr = false;
