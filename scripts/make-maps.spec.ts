import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import captions from '../src/lib/map-captions.json';
import { MAP_IDS } from '../src/lib/decks/maps';
import { mapIds, renderMap } from './make-maps.js';

const committed = (id: string) => readFileSync(`static/maps/${id}.svg`, 'utf8');

describe('maps', () => {
	it('draws exactly the ids of MAP_IDS', () => {
		expect(mapIds()).toEqual([...MAP_IDS]);
		expect(Object.keys(captions).sort()).toEqual([...MAP_IDS].sort());
	});

	it.each(MAP_IDS)(
		'%s has a committed SVG with a title, a description and no stale drawing',
		(id) => {
			const svg = committed(id);
			const text = captions[id];
			expect(svg).toContain(`<title id="t">${text.title}</title>`);
			expect(svg).toMatch(/<desc id="d">[^<]{80,}<\/desc>/);
			expect(svg).toContain('role="img"');
			expect(svg).toContain('prefers-color-scheme:dark');
			// Regenerating gives the same bytes: the committed file is up to date and the output is
			// deterministic.
			expect(renderMap(id)).toBe(svg);
			expect(svg.length).toBeLessThan(20 * 1024);
		}
	);

	it('rounds coordinates to one decimal', () => {
		for (const id of MAP_IDS) {
			expect(committed(id)).not.toMatch(/\d\.\d{2,}/);
		}
	});

	it('fails loudly for a map it does not know', () => {
		expect(() => renderMap('atlantis')).toThrow(/no map "atlantis"/);
	});
});
