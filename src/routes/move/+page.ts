// The key is in the fragment, which only the browser sees: rendered in the browser only.
export const ssr = false;
