// A form that needs JavaScript and a network: rendered in the browser only.
export const ssr = false;
