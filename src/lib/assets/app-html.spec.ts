import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('src/app.html', () => {
	it('carries the favicon inline, as the same drawing as src/lib/assets/favicon.svg', () => {
		const html = readFileSync('src/app.html', 'utf8');
		const href =
			/<link\s+rel="icon"\s+type="image\/svg\+xml"\s+href="data:image\/svg\+xml,([^"]+)"/.exec(
				html
			)?.[1];
		expect(href).toBeDefined();
		const svg = readFileSync('src/lib/assets/favicon.svg', 'utf8').trim();
		expect(decodeURIComponent(href!).replaceAll("'", '"')).toBe(svg);
	});
});
