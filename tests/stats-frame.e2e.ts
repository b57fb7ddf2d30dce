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
	expect(html).toContain('<h1>Statistics</h1>');
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
