import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { precacheFiles } from './precache-size.js';

let output: string | undefined;
afterEach(() => {
	if (output) rmSync(output, { recursive: true, force: true });
	output = undefined;
});

/** A SvelteKit output folder holding `files` (paths relative to it). */
function fakeOutput(files: string[]) {
	output = mkdtempSync(join(tmpdir(), 'meridian-precache-'));
	const manifest = { 'src/app.ts': { file: '_app/start.js', css: ['_app/start.css'] } };
	for (const [file, text] of [
		['client/.vite/manifest.json', JSON.stringify(manifest)],
		...files.map((f) => [f, ''])
	] as const) {
		mkdirSync(dirname(join(output, file)), { recursive: true });
		writeFileSync(join(output, file), text);
	}
	return output;
}

describe('precacheFiles', () => {
	it('leaves out the per-deck deck, study and quiz pages but keeps their JSON and other pages', () => {
		const out = fakeOutput([
			'prerendered/pages/decks/history.html',
			'prerendered/pages/study/history.html',
			'prerendered/pages/quiz/history.html',
			'prerendered/pages/decks.html',
			'prerendered/pages/app-shell.html',
			'prerendered/pages/studying/notes.html',
			'prerendered/dependencies/decks/history.json'
		]);
		const prerendered = precacheFiles(out)
			.filter((f) => f.startsWith(join(out, 'prerendered')))
			.map((f) => relative(out, f))
			.sort();
		expect(prerendered).toEqual([
			'prerendered/dependencies/decks/history.json',
			'prerendered/pages/app-shell.html',
			'prerendered/pages/decks.html',
			'prerendered/pages/studying/notes.html'
		]);
		expect(precacheFiles(out)).toContain(join(out, 'client', '_app/start.css'));
	});
});
