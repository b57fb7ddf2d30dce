import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, studyGoodByKeyboard, takeScreenshots } from './helpers';
import { waitForServiceWorker } from './pwa';

// The statistics page is prerendered as its first screen (issue 18): the title and a status saying
// the reviews are being read. The browser reads IndexedDB and hydrates that markup; the same status
// then says what the read found, and the charts are drawn below it.

/** The page's own status (the layout's storage notice is a status too). */
const pageStatus = (page: Page) => page.getByRole('main').getByRole('status');

/** Holds every script back until the returned function is called. */
async function holdScripts(page: Page): Promise<() => void> {
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	return release;
}

test('the statistics page’s first screen is in its HTML, with its data after the first paint', async ({
	request
}) => {
	const html = await (await request.get('/stats')).text();
	expect(html).toContain('<title>Statistics - Meridian</title>');
	expect(html).toMatch(/<h1[^>]*>Statistics<\/h1>/);
	expect(html).toMatch(
		/<p class="status[^"]*" role="status">(\s|<!--[^>]*-->)*Reading your reviews…(\s|<!--[^>]*-->)*<\/p>/
	);
	// No chart is drawn on the server: it has no reviews to draw.
	expect(html).not.toContain('Reviews, last 365 days');
	// The decks' index and the card index download with the scripts, after the first paint.
	expect(html).toMatch(
		/<template id="meridian-preloads"><link rel="preload" href="\/decks\/index.json" as="fetch" crossorigin="anonymous"><link rel="preload" href="\/decks\/card-index.json"/
	);
});

test('before its scripts run the page says it is reading; then the same status says what it found', async ({
	page
}, info) => {
	const release = await holdScripts(page);
	await page.goto('/stats', { waitUntil: 'commit' });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statistics');
	await expect(pageStatus(page)).toHaveText('Reading your reviews…');
	if (takeScreenshots)
		await page.screenshot({ path: `tests/screenshots/stats-frame-${info.project.name}.png` });
	const frame = await pageStatus(page).elementHandle();
	release();
	await expect(pageStatus(page)).toHaveText(
		'No reviews yet — study a deck to see statistics here.'
	);
	// Hydrated, not drawn again: the prerendered element is the one that says so.
	expect(await frame?.evaluate((el) => el.isConnected)).toBe(true);
	await expect(pageStatus(page).getByRole('link', { name: 'study a deck' })).toHaveAttribute(
		'href',
		'/'
	);
	await expectNoAxeViolations(page);
});

test('with reviews the charts are drawn after the prerendered frame', async ({ page }) => {
	await page.goto('/study/history');
	await studyGoodByKeyboard(page, 1);
	const release = await holdScripts(page);
	await page.goto('/stats', { waitUntil: 'commit' });
	await expect(pageStatus(page)).toHaveText('Reading your reviews…');
	release();
	await expect(page.getByTestId('reviews-today')).toHaveText('Today: 1 review');
	// The status stays for screen readers, and is no longer seen.
	await expect(pageStatus(page)).toHaveText('Your statistics are shown below.');
	expect(await pageStatus(page).evaluate((el) => el.getBoundingClientRect().width)).toBeLessThan(2);
	await expect(page.getByRole('heading', { name: 'Reviews, last 365 days' })).toBeVisible();
});

// A heading only the charts' code has: the chunk that holds it holds every chart, and d3.
const CHART_CODE = 'Reviews, last 365 days';

/** The paths of the scripts the page receives whose text holds the charts' code. */
function chartScripts(page: Page): Promise<string>[] {
	const found: Promise<string>[] = [];
	page.on('response', (response) => {
		if (!response.url().endsWith('.js')) return;
		found.push(
			response.text().then(
				(text) => (text.includes(CHART_CODE) ? new URL(response.url()).pathname : ''),
				() => ''
			)
		);
	});
	return found;
}

test('a first visit, with nothing to draw, neither downloads nor runs the charts’ code', async ({
	page
}) => {
	const scripts = chartScripts(page);
	await page.goto('/stats');
	await expect(pageStatus(page)).toHaveText(
		'No reviews yet — study a deck to see statistics here.'
	);
	expect((await Promise.all(scripts)).filter(Boolean)).toEqual([]);

	// With a review to draw, the same page imports it, once.
	await page.goto('/study/history');
	await studyGoodByKeyboard(page, 1);
	const later = chartScripts(page);
	await page.goto('/stats');
	await expect(page.getByRole('heading', { name: CHART_CODE })).toBeVisible();
	expect((await Promise.all(later)).filter(Boolean)).toHaveLength(1);
});

test('charts whose code cannot be fetched are said so, and come with Try again', async ({
	page
}) => {
	await page.goto('/study/history');
	await studyGoodByKeyboard(page, 1);
	// The chunk with the charts fails once, as on a first visit gone offline before the service
	// worker had it; every other script comes through.
	let failures = 0;
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		const response = await route.fetch();
		if (failures === 0 && (await response.text()).includes(CHART_CODE)) {
			failures++;
			await route.abort('internetdisconnected');
		} else await route.fulfill({ response });
	});
	await page.goto('/stats');
	await expect(pageStatus(page)).toContainText('The charts could not be loaded');
	await expect(page.getByRole('heading', { name: CHART_CODE })).toHaveCount(0);
	await expectNoAxeViolations(page);

	await pageStatus(page).getByRole('button', { name: 'Try again' }).click();
	await expect(page.getByRole('heading', { name: CHART_CODE })).toBeVisible();
	await expect(page.getByTestId('reviews-today')).toHaveText('Today: 1 review');
	await expect(pageStatus(page)).toHaveText('Your statistics are shown below.');
	// The button went with the message; focus is on the page's heading, not lost on the body.
	await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
	expect(failures).toBe(1);
});

test.describe('offline', () => {
	test.use({ serviceWorkers: 'allow' });
	test.beforeEach(() => {
		test.skip(test.info().project.name !== 'phone', 'the service worker is the same at every size');
	});

	test('the statistics page reloads offline from the precache and draws the reviews', async ({
		page,
		context
	}) => {
		await page.goto('/stats');
		await waitForServiceWorker(page);
		await page.goto('/study/history');
		await studyGoodByKeyboard(page, 2);
		await context.setOffline(true);

		await page.goto('/stats');
		await expect(page.getByTestId('reviews-today')).toHaveText('Today: 2 reviews');
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statistics');
		await expect(page.getByTestId('reviews-today')).toHaveText('Today: 2 reviews');
	});
});
