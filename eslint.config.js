import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// The layers (README, Layout): pure domain code, then storage (the only importer of idb), then
// the UI. A wrong import fails `npm run lint`; src/lib/layering.spec.ts proves it with fixtures.
export const DOMAIN_FOLDERS = ['decks', 'srs', 'quiz', 'stats', 'essay'];

const idbOnlyInStorage = {
	group: ['idb', 'idb/*'],
	message: 'Only src/lib/storage imports idb: read and write through its functions.'
};

const domainRestrictions = {
	patterns: [
		idbOnlyInStorage,
		{
			group: ['svelte', 'svelte/*', '@sveltejs/*', '$app/*', '$env/*', '$service-worker'],
			message: 'Domain code is plain TypeScript: no Svelte or SvelteKit.'
		},
		{
			regex: '^(\\$lib|\\.\\.)/(storage|study|sync|pwa|components|content|server)(/|$)',
			message:
				'Domain code imports only domain code: storage, browser state and the UI sit above it.'
		},
		{
			regex: '\\.svelte($|\\.)',
			message: 'Domain code imports no Svelte component or runes module.'
		}
	]
};

const browserGlobals = [
	'window',
	'document',
	'navigator',
	'location',
	'localStorage',
	'sessionStorage',
	'indexedDB',
	'fetch'
].map((name) => ({
	name,
	message: 'Domain code runs in Node too: pass what it needs in as an argument.'
}));

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'test-results/',
			'playwright-report/',
			'data/',
			// Files that break the layering on purpose, linted by src/lib/layering.spec.ts.
			'tests/fixtures/layering/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: { 'no-undef': 'off' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['src/**'],
		ignores: ['src/lib/storage/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [idbOnlyInStorage] }] }
	},
	{
		files: DOMAIN_FOLDERS.map((folder) => `src/lib/${folder}/**`),
		rules: {
			'no-restricted-imports': ['error', domainRestrictions],
			'no-restricted-globals': ['error', ...browserGlobals],
			'no-restricted-properties': [
				'error',
				{ object: 'Date', property: 'now', message: 'Take the clock (`now`) as an argument.' },
				{
					object: 'Math',
					property: 'random',
					message: 'Take a seeded random source as an argument.'
				}
			],
			'no-restricted-syntax': [
				'error',
				{
					selector: "NewExpression[callee.name='Date'][arguments.length=0]",
					message: 'Take the clock (`now`) as an argument.'
				}
			]
		}
	}
);
