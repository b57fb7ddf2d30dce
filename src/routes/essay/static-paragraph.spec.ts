import { describe, expect, it } from 'vitest';
import type { Card } from '$lib/decks/types';
import { staticParagraphHtml } from './static-paragraph';

describe('a paragraph as plain markup', () => {
	it('draws the live spans: ids, the cited role, marker and count, text escaped', () => {
		const paragraph = {
			sentences: [
				{ id: 'a-1', text: 'Russia & China <agree> on "trade".' },
				{ id: 'a-2', text: 'Nobody cites this.' }
			]
		} as never;
		const citations = new Map([['a-1', [{ id: 'c1' }, { id: 'c2' }] as Card[]]]);
		expect(staticParagraphHtml(paragraph, citations)).toBe(
			'<span id="s-a-1" class="cited" role="button" tabindex="0" aria-expanded="false">' +
				'Russia &amp; China &lt;agree&gt; on &quot;trade&quot;.' +
				'<span class="marker" aria-hidden="true">&#8288;2</span>' +
				'<span class="visually-hidden">(2 cards)</span></span> ' +
				'<span id="s-a-2">Nobody cites this.</span> '
		);
	});
});
