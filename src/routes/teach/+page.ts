// The classes listed live in this browser's IndexedDB: rendered in the browser only.
export const ssr = false;
