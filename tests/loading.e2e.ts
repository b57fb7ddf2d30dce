import { expect, test, type Page } from '@playwright/test';

// Pages drawn in the browser wait for their scripts and their JSON before they show anything, so
// a first visit on a slow network should ask for all of them at once, in the HTML, and for each
// only once. (Figures: docs/benchmarks.md, "Lighthouse".)
const pages = [
	{
		path: '/study/history',
		data: ['/decks/history.json'],
		drawn: (page: Page) => page.locator('#study-prompt')
	},
	{
		path: '/quiz/history',
		data: ['/decks/history.json'],
		drawn: (page: Page) => page.getByRole('heading', { level: 1, name: /^Quiz: / })
	},
	{
		path: '/stats',
		data: ['/decks/index.json', '/decks/all.json'],
		// A first visit has no reviews yet: the page says so once its data is in.
		drawn: (page: Page) => page.getByText('No reviews yet')
	}
];

// The HTML and what it asks for are the same at every screen size: one run, at the phone size.
test.beforeEach(() => {
	test.skip(test.info().project.name !== 'phone', 'the same requests at every size');
});

for (const { path, data, drawn } of pages) {
	test(`a first visit to ${path} names its scripts and data in its HTML and fetches each once`, async ({
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

		// Every script came from the HTML's list, but SvelteKit's error page (node 1), which its
		// router loads on start; and the list stays short (it was 26 before the chunks were grouped).
		const scripts = requested.filter((r) => r.startsWith('/_app/') && r.endsWith('.js'));
		const late = scripts.filter((s) => !preloaded.includes(s) && !s.includes('/nodes/1.'));
		expect(late).toEqual([]);
		expect(preloaded.length).toBeLessThanOrEqual(10);
	});
}
