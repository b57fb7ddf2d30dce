import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { essayAwake } from './helpers';

// Pages whose content is drawn in the browser wait for their scripts and their JSON (study,
// statistics: before they show anything; quiz: after its prerendered start screen), so a first
// visit on a slow network should ask for all of them at once, named in the HTML, and each once.
// (Figures: docs/benchmarks.md, "Lighthouse".)
const pages = [
	{
		path: '/study/history',
		data: ['/decks/history.json'],
		scripts: 10,
		drawn: (page: Page) => page.locator('#study-prompt')
	},
	{
		path: '/quiz/history',
		data: ['/decks/history.json'],
		// One more: the code it imports once its start screen has hydrated (QuizPlay), preloaded
		// so that it is not fetched late.
		scripts: 11,
		// The start screen is in the HTML; Start is enabled once the deck and the past attempts
		// are in (checking at the heading looked before the deck was asked for: CI saw it once).
		drawn: (page: Page) => page.getByRole('button', { name: 'Start quiz', disabled: false })
	},
	{
		path: '/stats',
		data: ['/decks/index.json', '/decks/card-index.json'],
		scripts: 10,
		// A first visit has no reviews yet: the page says so once its data is in.
		drawn: (page: Page) => page.getByText('No reviews yet')
	}
];

// The HTML and what it asks for are the same at every screen size: one run, at the phone size.
test.beforeEach(() => {
	test.skip(test.info().project.name !== 'phone', 'the same requests at every size');
});

for (const { path, data, scripts: most, drawn } of pages) {
	test(`a first visit to ${path} names the scripts and data of its first screen in its HTML and fetches each once`, async ({
		page,
		request
	}) => {
		const html = await (await request.get(path)).text();
		const preloaded = [...html.matchAll(/<link href="([^"]+)" rel="modulepreload">/g)].map(
			(match) => match[1]
		);
		const dataPreloads = [
			...html.matchAll(/<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous">/g)
		].map((match) => match[1]);
		expect(dataPreloads).toEqual(data);

		const requested: string[] = [];
		page.on('request', (r) => requested.push(new URL(r.url()).pathname));
		await page.goto(path);
		await expect(drawn(page)).toBeVisible();

		// Each JSON file once: the page's fetch takes the preloaded response.
		for (const url of data) expect(requested.filter((r) => r === url)).toEqual([url]);

		// Every script asked for before the page's largest paint (its content: the card, the start
		// screen, the status) came from the HTML's list, but SvelteKit's error page (node 1), which
		// its router loads on start; and the list stays short (it was 26 before the chunks were
		// grouped). (Preloading node 1 too was tried for the study page and not kept:
		// docs/benchmarks.md, h20t.) What a page imports after that paint (the classes' outbox, a
		// moment after the app starts) is no part of it.
		const { contentPaint, scripts } = await page.evaluate(async () => ({
			contentPaint: await new Promise<number>((resolve) =>
				new PerformanceObserver((list) => resolve(list.getEntries().at(-1)!.startTime)).observe({
					type: 'largest-contentful-paint',
					buffered: true
				})
			),
			scripts: performance
				.getEntriesByType('resource')
				.filter((e) => e.name.includes('/_app/') && e.name.endsWith('.js'))
				.map((e) => ({ path: new URL(e.name).pathname, start: e.startTime }))
		}));
		const late = scripts.filter(
			(s) => s.start < contentPaint && !preloaded.includes(s.path) && !s.path.includes('/nodes/1.')
		);
		expect(late).toEqual([]);
		expect(preloaded.length).toBeLessThanOrEqual(most);
		// And each once: a preloaded script the page imports later (the quiz's questions) is not
		// downloaded a second time.
		const paths = requested.filter((r) => r.startsWith('/_app/') && r.endsWith('.js'));
		expect(paths).toEqual([...new Set(paths)]);
		// No stylesheet is fetched: the page's own are in its HTML, and the error page, which the
		// router loads as it starts, has none of its own (its rules are in app.css: issue 18).
		expect(requested.filter((r) => r.endsWith('.css'))).toEqual([]);
	});
}

/** The scripts a page's HTML preloads, with their text. */
async function preloadedScripts(request: APIRequestContext, path: string) {
	const html = await (await request.get(path)).text();
	const urls = [...html.matchAll(/<link href="([^"]+)" rel="modulepreload">/g)].map((m) => m[1]!);
	return Promise.all(
		urls.map(async (url) => ({ url, text: await (await request.get(url)).text() }))
	);
}

// The backup's export file name, written by the backup code alone.
const BACKUP_CODE = 'meridian-backup-';

test('no page preloads the backup code: Settings loads it when the student exports', async ({
	page,
	request
}) => {
	for (const path of ['/', '/stats', '/essay', '/decks/history', '/study/history', '/settings']) {
		const scripts = await preloadedScripts(request, path);
		expect(scripts.length, path).toBeGreaterThan(0);
		expect(
			scripts.filter((s) => s.text.includes(BACKUP_CODE)).map((s) => s.url),
			path
		).toEqual([]);
	}

	// Each script the page receives, read as it arrives (a body the page dropped reads as none).
	const received: Promise<string | null>[] = [];
	page.on('response', (response) => {
		if (!response.url().endsWith('.js')) return;
		const path = new URL(response.url()).pathname;
		received.push(
			response.text().then(
				(text) => (text.includes(BACKUP_CODE) ? path : null),
				() => null
			)
		);
	});
	const withBackupCode = async () =>
		(await Promise.all(received)).filter((path): path is string => path !== null);
	await page.goto('/settings');
	await expect(page.getByRole('button', { name: 'Export backup' })).toBeEnabled();
	expect(await withBackupCode()).toEqual([]);
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export backup' }).click();
	expect((await download).suggestedFilename()).toMatch(/^meridian-backup-.*\.jsonl\.gz$/);
	await expect(page.getByText(/^Exported 0 reviews/)).toBeVisible();
	// The backup chunk once; the export's Worker, which runs the same code, at most once (Chromium
	// does not always report a worker's script among the page's responses).
	const loaded = await withBackupCode();
	expect(loaded.filter((path) => !path.includes('/workers/'))).toHaveLength(1);
	expect(loaded.filter((path) => path.includes('/workers/')).length).toBeLessThanOrEqual(1);
});

test('the essay page carries the cards it cites, not the whole deck, and fetches nothing more', async ({
	page,
	request
}) => {
	const html = await (await request.get('/essay')).text();
	// The deck's explanations, distractors and accepted answers stay out of the reader's HTML.
	expect(html).not.toContain('explanation');
	expect(html.length).toBeLessThan(250_000);

	const requested: string[] = [];
	page.on('request', (r) => requested.push(new URL(r.url()).pathname));
	await page.goto('/essay');
	await essayAwake(page);
	await page.locator('span.cited[aria-expanded]').first().click();
	await expect(page.getByText(/cards? cites? this sentence/)).toBeVisible();
	// The essay and its cards came inlined in the HTML; the deck is not asked for.
	expect(requested.filter((r) => r.endsWith('.json'))).toEqual([]);
});

// The prerendered HTML is a whole first paint: no page's scripts may hold it up (issue 18).
for (const path of ['/', '/essay', '/decks/history', '/quiz/history', '/stats']) {
	test(`${path} paints before it asks for a script, then starts with its styles`, async ({
		page,
		request
	}) => {
		const html = await (await request.get(path)).text();
		// Every preload link waits in the inert template, none outside it.
		const template = /<template id="meridian-preloads">([\s\S]*?)<\/template>/.exec(html)?.[1];
		expect(template).toMatch(/rel="modulepreload"/);
		expect(html.replace(template!, '')).not.toMatch(/rel="modulepreload"/);

		const stylesheets: string[] = [];
		page.on('request', (r) => {
			if (r.url().endsWith('.css')) stylesheets.push(new URL(r.url()).pathname);
		});
		await page.goto(path);
		// Started: the entry points have been asked for (that they run, every other test shows).
		await page.waitForFunction(() =>
			performance.getEntriesByType('resource').some((e) => e.name.includes('/entry/app.'))
		);
		const [paint, firstScript] = await page.evaluate(() => [
			performance.getEntriesByName('first-paint')[0]?.startTime ?? NaN,
			Math.min(
				...performance
					.getEntriesByType('resource')
					.filter((e) => e.name.includes('/_app/immutable/') && e.name.endsWith('.js'))
					.map((e) => e.startTime)
			)
		]);
		expect(paint).toBeLessThan(firstScript);
		// Started, the page fetches no stylesheet: the rules of every chunk it starts with are in its
		// HTML, so nothing is drawn unstyled first. (SvelteKit leaves a chunk's stylesheet out of the
		// HTML when it takes the chunk for one a page imports lazily: it did so for the chunk that
		// the classes' outbox shares with home's calendar and legends, while the outbox was imported
		// lazily from the chunk every page shares.)
		await page.waitForLoadState('networkidle');
		expect(stylesheets).toEqual([]);
	});
}

// Text of the study page's answer (CardAnswer.svelte), which only its lazily imported code has.
const ANSWER_CODE = 'Also accepted: ';

test('the study page paints its first card before it asks for the answer and the scheduler', async ({
	page,
	request
}) => {
	const preloaded = await preloadedScripts(request, '/study/history');
	expect(preloaded.filter((s) => s.text.includes(ANSWER_CODE)).map((s) => s.url)).toEqual([]);
	// ts-fsrs's scheduler options: the scheduler's chunk is not preloaded either.
	expect(preloaded.filter((s) => s.text.includes('request_retention')).map((s) => s.url)).toEqual(
		[]
	);

	const lazy: Promise<string | null>[] = [];
	page.on('response', (response) => {
		if (!response.url().endsWith('.js')) return;
		const path = new URL(response.url()).pathname;
		lazy.push(
			response.text().then(
				(text) => (text.includes(ANSWER_CODE) || text.includes('request_retention') ? path : null),
				() => null
			)
		);
	});
	await page.goto('/study/history');
	await expect(page.locator('#study-prompt')).toBeVisible();
	// Fetched once the card is on screen, so they are in before the student reveals it.
	await expect
		.poll(async () => (await Promise.all(lazy)).filter((path) => path !== null).length)
		.toBe(2);
	const paths = (await Promise.all(lazy)).filter((path): path is string => path !== null);
	const { contentPaint, starts } = await page.evaluate(async (paths) => {
		const contentPaint = await new Promise<number>((resolve) =>
			new PerformanceObserver((list) => resolve(list.getEntries().at(-1)!.startTime)).observe({
				type: 'largest-contentful-paint',
				buffered: true
			})
		);
		const starts = performance
			.getEntriesByType('resource')
			.filter((e) => paths.includes(new URL(e.name).pathname))
			.map((e) => e.startTime);
		return { contentPaint, starts };
	}, paths);
	expect(starts).toHaveLength(2);
	for (const start of starts) expect(start).toBeGreaterThan(contentPaint);
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Good' })).toBeFocused();
});
