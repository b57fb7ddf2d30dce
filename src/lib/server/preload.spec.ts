import { describe, expect, it } from 'vitest';
import {
	chunkFiles,
	dataToPreload,
	drawnInBrowser,
	largestScriptsFirst,
	lazyModules,
	withModulePreloads,
	withPreloads
} from './preload';

describe('dataToPreload', () => {
	it('names the deck a study or quiz page fetches', () => {
		expect(dataToPreload('/study/[deckId]', { deckId: 'energy' })).toEqual(['/decks/energy.json']);
		expect(dataToPreload('/quiz/[deckId]', { deckId: 'belt-and-road' })).toEqual([
			'/decks/belt-and-road.json'
		]);
	});

	it('names the deck index and the whole-essay deck for the statistics page', () => {
		expect(dataToPreload('/stats', {})).toEqual(['/decks/index.json', '/decks/card-index.json']);
	});

	it('names nothing for an id that is not a deck id, or for other pages', () => {
		expect(dataToPreload('/study/[deckId]', { deckId: '"><script>' })).toEqual([]);
		expect(dataToPreload('/quiz/[deckId]', {})).toEqual([]);
		expect(dataToPreload('/', {})).toEqual([]);
		expect(dataToPreload(null, {})).toEqual([]);
	});
});

describe('drawnInBrowser', () => {
	it('is the study page: the quiz and statistics pages are prerendered as their first screen', () => {
		expect(drawnInBrowser('/stats')).toBe(false);
		expect(drawnInBrowser('/study/[deckId]')).toBe(true);
		expect(drawnInBrowser('/quiz/[deckId]')).toBe(false);
		expect(drawnInBrowser(null)).toBe(false);
	});
});

describe('withPreloads', () => {
	const page = '<html><head><title>x</title></head><body></body></html>';

	it('adds one fetch preload per URL at the end of the head', () => {
		const html = withPreloads(page, ['/decks/a.json', '/decks/b.json']);
		expect(html).toMatch(
			/<title>x<\/title>\s*<link rel="preload" href="\/decks\/a.json" as="fetch" crossorigin="anonymous">\s*<link rel="preload" href="\/decks\/b.json" as="fetch" crossorigin="anonymous">\s*<\/head><body>/
		);
	});

	it('leaves the page alone when there is nothing to preload', () => {
		expect(withPreloads(page, [])).toBe(page);
	});
});

describe('largestScriptsFirst', () => {
	const link = (href: string) => `<link href="${href}" rel="modulepreload">`;
	const page = (...hrefs: string[]) =>
		`<head>\n${hrefs.map((href) => `\t\t${link(href)}\n`).join('')}\t\t<style></style></head>`;
	const sizes: Record<string, number> = {
		'/start.js': 60,
		'/svelte.js': 50_000,
		'/kit.js': 40_000
	};

	it('orders the module preloads largest file first, in the same places', () => {
		const html = largestScriptsFirst(page('/start.js', '/kit.js', '/svelte.js'), (h) => sizes[h]);
		expect(html).toBe(page('/svelte.js', '/kit.js', '/start.js'));
	});

	it('keeps files of unknown size in their order, after the others', () => {
		const html = largestScriptsFirst(
			page('/a.js', '/start.js', '/b.js', '/kit.js'),
			(h) => sizes[h]
		);
		expect(html).toBe(page('/kit.js', '/start.js', '/a.js', '/b.js'));
	});

	it('leaves a page without sizes, or with one preload, as it was', () => {
		const two = page('/a.js', '/b.js');
		expect(largestScriptsFirst(two, () => undefined)).toBe(two);
		const one = page('/kit.js');
		expect(largestScriptsFirst(one, (h) => sizes[h])).toBe(one);
	});
});

describe('lazy code', () => {
	const manifest = {
		'src/routes/quiz/[deckId]/QuizPlay.svelte': {
			file: '_app/immutable/chunks/play.js',
			imports: ['_svelte.js', '_shared.js', '_grading.js']
		},
		'_svelte.js': { file: '_app/immutable/chunks/svelte.js' },
		'_shared.js': { file: '_app/immutable/chunks/shared.js', imports: ['_svelte.js'] },
		'_grading.js': { file: '_app/immutable/chunks/grading.js', imports: ['_shared.js'] }
	};
	const link = (href: string) => `<link href="${href}" rel="modulepreload">`;
	const page = (...hrefs: string[]) =>
		`<head>\n${hrefs.map((href) => `\t\t${link(href)}\n`).join('')}\t\t<style></style></head>`;

	it("is the quiz page's questions and results, and nothing on other pages", () => {
		expect(lazyModules('/quiz/[deckId]')).toEqual(['src/routes/quiz/[deckId]/QuizPlay.svelte']);
		expect(lazyModules('/study/[deckId]')).toEqual([]);
		expect(lazyModules(null)).toEqual([]);
	});

	it('names each chunk the lazy code imports, the code first, each once', () => {
		expect(chunkFiles(manifest, lazyModules('/quiz/[deckId]'))).toEqual([
			'_app/immutable/chunks/play.js',
			'_app/immutable/chunks/svelte.js',
			'_app/immutable/chunks/shared.js',
			'_app/immutable/chunks/grading.js'
		]);
	});

	it('fails for code the build does not have', () => {
		expect(() => chunkFiles(manifest, ['src/routes/Gone.svelte'])).toThrow(/Gone.svelte/);
	});

	it('preloads the files the page does not preload yet, after its own', () => {
		const html = withModulePreloads(page('/_app/immutable/chunks/svelte.js', '/_app/start.js'), [
			'_app/immutable/chunks/play.js',
			'_app/immutable/chunks/svelte.js'
		]);
		expect(html).toBe(
			page('/_app/immutable/chunks/svelte.js', '/_app/start.js', '/_app/immutable/chunks/play.js')
		);
	});

	it('leaves a page without preloads, or nothing to add, as it was', () => {
		expect(withModulePreloads('<head></head>', ['_app/a.js'])).toBe('<head></head>');
		const html = page('/_app/a.js');
		expect(withModulePreloads(html, [])).toBe(html);
	});
});
