import { describe, expect, it } from 'vitest';
import { CLAIMS_END, CLAIMS_START, claimsBlock, readClaimsBlock, writeClaimsBlock } from './claims';
import { compileFixture, fixtureSources } from './fixtures';

const claimed = () => {
	const sources = fixtureSources();
	sources.banks[0]!.text = sources.banks[0]!.text.replace(
		'items:',
		'claims:\n  - { id: rail-first, text: The railway drew Russia into China. }\nitems:'
	).replace('tags: [relations-history]', 'tags: [relations-history]\n    claims: [rail-first]');
	return compileFixture(sources).coverage;
};

describe('the claims block of questions/README.md', () => {
	it('lists the claims per section with the cards testing each', () => {
		const block = claimsBlock(claimed());
		expect(block).toContain(
			'### Section history (`history`)\n\n- `rail-first`: The railway drew Russia into China. Tested by `hist-railway-year`.'
		);
		expect(block).toContain('### Section conclusion (`conclusion`)\n\nNo claims yet.');
	});

	it('is read and rewritten between its markers only', () => {
		const readme = `# Title\n\n${CLAIMS_START}\n\nold\n\n${CLAIMS_END}\n\nAfter.\n`;
		expect(readClaimsBlock(readme)).toBe('old');
		const written = writeClaimsBlock(readme, claimsBlock(claimed()))!;
		expect(readClaimsBlock(written)).toBe(claimsBlock(claimed()));
		expect(written.startsWith('# Title\n\n')).toBe(true);
		expect(written.endsWith(`${CLAIMS_END}\n\nAfter.\n`)).toBe(true);
		expect(readClaimsBlock('# No markers')).toBeUndefined();
		expect(writeClaimsBlock('# No markers', 'x')).toBeUndefined();
	});
});
