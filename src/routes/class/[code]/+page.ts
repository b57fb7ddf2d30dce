// Joining reads the class from the server and the membership from IndexedDB: rendered in the
// browser, never prerendered (offline, the service worker's app shell renders it).
export const prerender = false;
export const ssr = false;
