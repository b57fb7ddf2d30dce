import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { DOMAIN_FOLDERS } from '../../eslint.config.js';

// The layering rules of eslint.config.js (README, Layout), shown failing on fixture files that
// the normal lint run skips. Each fixture is linted as if it sat where the test puts it.
const fixture = (name: string) => readFileSync(`tests/fixtures/layering/${name}.ts`, 'utf8');
const eslint = new ESLint();

/** `line rule` for every problem ESLint finds in `code` at `filePath`. */
async function problems(code: string, filePath: string) {
	const [result] = await eslint.lintText(code, { filePath });
	return result!.messages.map((m) => `${m.line} ${m.ruleId}`);
}

const BREAKS_EVERY_DOMAIN_RULE = [
	'4 no-restricted-imports', // idb
	'5 no-restricted-imports', // svelte
	'6 no-restricted-imports', // @sveltejs/kit
	'7 no-restricted-imports', // $lib/content
	'8 no-restricted-imports', // $lib/pwa: browser state
	'8 no-restricted-imports', // and a runes module
	'12 no-restricted-globals', // document
	'13 no-restricted-globals', // fetch
	'15 no-restricted-globals', // window
	'16 no-restricted-properties', // Date.now
	'17 no-restricted-syntax', // new Date()
	'18 no-restricted-properties' // Math.random
];

describe('the layers, enforced by ESLint', { timeout: 120_000 }, () => {
	it.each(DOMAIN_FOLDERS)(
		'a file in src/lib/%s importing Svelte, SvelteKit, idb or the UI, or reaching for the DOM or the clock, fails lint',
		async (folder) => {
			const found = await problems(
				fixture('domain-breaks-layers'),
				`src/lib/${folder}/breaks-layers.ts`
			);
			expect(found).toEqual(BREAKS_EVERY_DOMAIN_RULE);
		}
	);

	it('a domain file that imports domain code and libraries and takes its clock passes', async () => {
		expect(await problems(fixture('domain-keeps-layers'), 'src/lib/quiz/keeps-layers.ts')).toEqual(
			[]
		);
	});

	it('outside the domain only the idb import fails, and in storage nothing does', async () => {
		const code = fixture('domain-breaks-layers');
		expect(await problems(code, 'src/routes/stats/breaks-layers.ts')).toEqual([
			'4 no-restricted-imports'
		]);
		expect(await problems(code, 'src/lib/storage/breaks-layers.ts')).toEqual([]);
	});

	it('the normal lint run skips the fixtures', async () => {
		expect(await eslint.isPathIgnored('tests/fixtures/layering/domain-breaks-layers.ts')).toBe(
			true
		);
	});
});
