// Plain JavaScript, so that svelte.config.js (run by Node before any build) can import it too.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Content Security Policy of every page, given to SvelteKit as `kit.csp` in mode 'hash': it
 * hashes the inline scripts it writes (the start-up script of every page, prerendered or not) and
 * puts the policy in a `content-security-policy` header on rendered pages and in a `<meta>` tag
 * in prerendered ones. Scripts, the service worker, fetches and the manifest come only from this
 * origin. Styles allow 'unsafe-inline' because SvelteKit inlines small stylesheets and Svelte
 * writes `style` attributes; with no script allowed inline that cannot run code.
 * `frame-ancestors` is not allowed in `<meta>`: every response also gets it as a header.
 * @type {NonNullable<NonNullable<NonNullable<import('@sveltejs/kit').Config['kit']>['csp']>['directives']>}
 */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self'],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self'],
	'connect-src': ['self'],
	'manifest-src': ['self'],
	'worker-src': ['self'],
	'media-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};

/**
 * Headers every response carries, whoever makes it: pages, the API, prerendered pages and static
 * files. The policy here only forbids framing (a stricter default on a static file would also
 * govern service-worker.js, whose own fetches must reach this origin); pages get the full
 * {@link CSP_DIRECTIVES}, API answers {@link API_CSP}.
 */
export const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'x-frame-options': 'DENY',
	'content-security-policy': "frame-ancestors 'none'"
};

/** API answers are data, never documents: nothing in them may load or run. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** @param {Record<string, string>} headers */
const setHeaders = (headers) => `
// Added by svelte.config.js (src/lib/server/security-headers.js): the security headers, set
// before anything else answers, so static files and prerendered pages, which never reach
// SvelteKit's hooks, carry them too. Headers a page or the API sets itself win.
function securityHeaders(req, res, next) {
	for (const [name, value] of Object.entries(${JSON.stringify(headers)})) res.setHeader(name, value);
	next();
}
`;

const HANDLER = `// Written by svelte.config.js (src/lib/server/security-headers.js): adapter-node's handler
// (now kit-handler.js) for a custom server, with the security headers set first.
import { handler as kitHandler } from './kit-handler.js';

export function handler(req, res, next) {
	securityHeaders(req, res, () => {});
	return kitHandler(req, res, next);
}
${setHeaders(SECURITY_HEADERS)}`;

/** What adapter-node 5 writes in index.js to mount its handler. */
const MOUNT = 'polka({ server: httpServer }).use(handler)';

/**
 * Makes an adapter-node build in `out` send {@link SECURITY_HEADERS} on every response: index.js
 * (`node build`, `npm start`) mounts a middleware that sets them before adapter-node's handler,
 * and handler.js (for a custom server) becomes a wrapper that does the same around the original,
 * kept as kit-handler.js. Fails the build when adapter-node's output no longer looks as expected.
 * @param {string} out
 */
export function wrapHandler(out) {
	const index = join(out, 'index.js');
	const source = readFileSync(index, 'utf8');
	if (!source.includes('function securityHeaders(')) {
		if (!source.includes(MOUNT)) {
			throw new Error(
				`${index}: cannot find "${MOUNT}" to add the security headers (has adapter-node changed?)`
			);
		}
		writeFileSync(
			index,
			source.replace(MOUNT, `${MOUNT.replace('.use(handler)', '.use(securityHeaders, handler)')}`) +
				setHeaders(SECURITY_HEADERS)
		);
	}
	const handler = join(out, 'handler.js');
	if (readFileSync(handler, 'utf8').includes("from './kit-handler.js'")) return;
	renameSync(handler, join(out, 'kit-handler.js'));
	writeFileSync(handler, HANDLER);
}

/**
 * `adapter` (adapter-node's) with {@link wrapHandler} run on its output.
 * @param {import('@sveltejs/kit').Adapter} adapter
 * @param {string} out
 * @returns {import('@sveltejs/kit').Adapter}
 */
export function withSecurityHeaders(adapter, out) {
	return {
		...adapter,
		name: `${adapter.name} + security headers`,
		async adapt(builder) {
			await adapter.adapt(builder);
			wrapHandler(out);
		}
	};
}
