// Every study page is prerendered so the service worker can cache it; the server only answers
// the instructor API.
export const prerender = true;
export const trailingSlash = 'never';
