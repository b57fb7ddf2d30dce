// Settings read and write IndexedDB: rendered in the browser, so no control can be used before
// its handler exists.
export const ssr = false;
