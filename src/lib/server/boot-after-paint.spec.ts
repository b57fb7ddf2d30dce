import { describe, expect, it } from 'vitest';
import { bootAfterPaint, PRELOADS_ID, scriptHash } from './boot-after-paint';

// The shape SvelteKit 2 writes: preload links in the head, the start script at the end of the body.
const start = `
				{
					__sveltekit_abc = {
						base: ""
					};

					const element = document.currentScript.parentElement;

					Promise.all([
						import("/_app/immutable/entry/start.js"),
						import("/_app/immutable/entry/app.js")
					]).then(([kit, app]) => {
						kit.start(app, element, { node_ids: [0, 3] });
					});
				}
			`;
const page = (script: string) => `<!doctype html><html><head>
		<meta http-equiv="content-security-policy" content="script-src 'self' ${scriptHash(script)}">
		<link href="/_app/immutable/entry/start.js" rel="modulepreload">
		<link href="/_app/immutable/chunks/a.js" rel="modulepreload">
		<title>x</title>
	</head><body><div><p>Text</p><script>${script}</script></div></body></html>`;

describe('bootAfterPaint', () => {
	it('moves the preload links into an inert template, in order, and keeps the rest of the head', () => {
		const { html } = bootAfterPaint(page(start));
		expect(html).toContain(
			`<template id="${PRELOADS_ID}"><link href="/_app/immutable/entry/start.js" rel="modulepreload"><link href="/_app/immutable/chunks/a.js" rel="modulepreload"></template>`
		);
		expect(html.match(/rel="modulepreload"/g)).toHaveLength(2);
		expect(html).toContain('<title>x</title>');
	});

	it('puts a preload of each data URL first in the template, and none in the head', () => {
		const { html } = bootAfterPaint(page(start), ['/decks/history.json']);
		expect(html).toContain(
			`<template id="${PRELOADS_ID}"><link rel="preload" href="/decks/history.json" as="fetch" crossorigin="anonymous"><link href="/_app/immutable/entry/start.js" rel="modulepreload">`
		);
		expect(html.match(/rel="preload"/g)).toHaveLength(1);
	});

	it('starts the scripts after the first paint, or at once in a hidden tab', () => {
		const { html } = bootAfterPaint(page(start));
		const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
		expect(script).toContain('const boot = () => Promise.all([');
		expect(script).toContain("observe({ type: 'paint', buffered: true })");
		expect(script).toContain('requestAnimationFrame(() => setTimeout(start, 0))');
		expect(script).toContain("document.visibilityState === 'hidden'");
		// The same block, now also calling start(): it parses and runs in a page with no frame.
		const calls: string[] = [];
		const preloads = { content: 'links' };
		const document = {
			currentScript: { parentElement: 'body' },
			visibilityState: 'hidden',
			getElementById: (id: string) => (id === PRELOADS_ID ? preloads : null),
			head: { append: (what: unknown) => calls.push(`head ${String(what)}`) }
		};
		const run = new Function(
			'document',
			'requestAnimationFrame',
			'calls',
			`var __sveltekit_abc;
			const Promise = { all: () => { calls.push('import'); return { then: () => {} }; } };
			${script.replaceAll('import(', 'String(')}`
		);
		run(document, () => calls.push('frame'), calls);
		expect(calls).toEqual(['head links', 'import']);
	});

	it('replaces the start script’s hash in the policy and returns both hashes', () => {
		const { html, hashes } = bootAfterPaint(page(start));
		const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
		expect(hashes).toEqual({ from: scriptHash(start), to: scriptHash(script) });
		expect(html).toContain(scriptHash(script));
		expect(html).not.toContain(scriptHash(start));
	});

	it('leaves a page without preloads or without the start script as it is', () => {
		const bare = '<html><head></head><body><p>Not found</p></body></html>';
		expect(bootAfterPaint(bare)).toEqual({ html: bare });
		const noLinks = page(start).replace(/\s*<link[^>]*modulepreload">/g, '');
		expect(bootAfterPaint(noLinks)).toEqual({ html: noLinks });
	});
});
