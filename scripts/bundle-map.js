// What each prerendered page makes the browser download before it runs: the scripts its HTML
// preloads (`<link rel="modulepreload">`), with their gzip sizes, and what each of those chunks
// holds (its largest modules, from `chunk-modules.json`, which `scripts/client-chunks.js` writes
// in every client build). `npm run build && node scripts/bundle-map.js [path...]`; Markdown for
// docs/benchmarks.md ("First paint"). `--modules N` lists N modules per chunk (default 6).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chunkModulesFile } from './client-chunks.js';

const output = process.env.MERIDIAN_KIT_OUT
	? join(process.env.MERIDIAN_KIT_OUT, 'output')
	: '.svelte-kit/output';
const client = join(output, 'client');
const pages = join(output, 'prerendered', 'pages');

const args = process.argv.slice(2);
const modulesAt = args.indexOf('--modules');
const perChunk = modulesAt >= 0 ? Number(args.splice(modulesAt, 2)[1]) : 6;
const paths = args.length
	? args
	: ['/', '/decks/history', '/essay', '/study/history', '/quiz/history', '/stats', '/settings'];

if (!existsSync(join(client, '.vite', 'manifest.json'))) {
	console.error('No client build: run `npm run build` first.');
	process.exit(1);
}

/** @type {Record<string, { file: string, name?: string, src?: string }>} */
const manifest = JSON.parse(readFileSync(join(client, '.vite', 'manifest.json'), 'utf8'));
/** @type {Record<string, Record<string, number>>} */
const contents = existsSync(join(output, chunkModulesFile))
	? JSON.parse(readFileSync(join(output, chunkModulesFile), 'utf8'))
	: {};

/** A chunk's readable name: its group or route node, else the file. */
const names = new Map(
	Object.values(manifest).map((entry) => [
		entry.file,
		entry.src?.startsWith('.svelte-kit/generated/client-optimized/')
			? entry.src.slice('.svelte-kit/generated/client-optimized/'.length).replace(/\.js$/, '')
			: (entry.name ?? entry.file)
	])
);

/** @param {string} file */
function gzipBytes(file) {
	return gzipSync(readFileSync(join(client, file)), { level: 9 }).length;
}

/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

/** A module id as a short path inside the repository or node_modules. */
function short(/** @type {string} */ id) {
	// Virtual modules' ids start with a NUL byte (`\0vite/preload-helper.js`).
	id = id.replaceAll('\0', '');
	const modules = id.lastIndexOf('node_modules/');
	if (modules >= 0) return id.slice(modules + 'node_modules/'.length).replace(/\?.*$/, '');
	// SvelteKit's generated modules, inside the checkout as `.svelte-kit/generated/...`.
	const inside = ['/.svelte-kit/', '/src/'].map((dir) => id.indexOf(dir)).find((at) => at >= 0);
	return (inside === undefined ? id : id.slice(inside + 1)).replace(/\?.*$/, '');
}

/** @param {string} path */
function pageFile(path) {
	return join(pages, path === '/' ? 'index.html' : `${path.slice(1)}.html`);
}

const seen = new Map();
const out = [];
out.push('| page | scripts preloaded | gzip | chunks (gzip) |');
out.push('| --- | --- | --- | --- |');
for (const path of paths) {
	const html = readFileSync(pageFile(path), 'utf8');
	const files = [...html.matchAll(/<link href="\/([^"]+\.js)" rel="modulepreload"/g)].map(
		(match) => match[1]
	);
	const sizes = files.map((file) => {
		const bytes = gzipBytes(file);
		seen.set(file, bytes);
		return { file, bytes };
	});
	const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
	const list = sizes
		.sort((a, b) => b.bytes - a.bytes)
		.map(({ file, bytes }) => `${names.get(file) ?? file} ${kb(bytes)}`)
		.join(', ');
	out.push(`| ${path} | ${files.length} | ${kb(total)} | ${list} |`);
}
out.push('');
out.push('| chunk | gzip | largest modules (rendered bytes, before minification) |');
out.push('| --- | --- | --- |');
for (const [file, bytes] of [...seen].sort((a, b) => b[1] - a[1])) {
	const modules = Object.entries(contents[file] ?? {})
		.sort((a, b) => b[1] - a[1])
		.slice(0, perChunk)
		.map(([id, size]) => `${short(id)} ${(size / 1000).toFixed(1)}k`)
		.join(', ');
	out.push(`| ${names.get(file) ?? file} | ${kb(bytes)} | ${modules} |`);
}
console.log(out.join('\n'));
