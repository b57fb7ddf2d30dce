import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { waitForServiceWorker } from './pwa';
import { takeScreenshots } from './helpers';

// Every test here is about the service worker (the suite blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

// What the service worker caches and serves is the same at every screen size: these run once, at
// the phone size, where a student most often is offline.
test.beforeEach(() => {
	test.skip(test.info().project.name !== 'phone', 'the service worker is the same at every size');
});

interface DeckSummary {
	id: string;
	title: string;
}

test('after one online visit, home, every deck page and About work and reload offline', async ({
	page,
	context,
	request
}, info) => {
	const decks: DeckSummary[] = (await (await request.get('/decks/index.json')).json()).decks;
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);

	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Sino-Russian Relations');
	const indicator = page.getByRole('status').filter({ hasText: 'Offline' });
	await expect(indicator).toBeVisible();
	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
	if (takeScreenshots)
		await page.screenshot({ path: `tests/screenshots/offline-indicator-${info.project.name}.png` });

	for (const deck of decks) {
		await page.goto(`/decks/${deck.id}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(deck.title);
		await expect(page.getByRole('article').first()).toBeVisible();
	}
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(decks.at(-1)!.title);

	await page.goto('/about');
	await expect(page.getByText('Mariam Asif').first()).toBeVisible();
	await page.reload();
	await expect(page.getByText('The Eurasia Center, East Asia Program').first()).toBeVisible();

	// Client-side navigation reads the deck JSON from the precache too.
	await page.getByRole('link', { name: 'Decks', exact: true }).click();
	await page.getByRole('link', { name: /^Energy deals/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Energy deals');
});

test('deep links never visited render offline', async ({ page, context }) => {
	await page.goto('/about');
	await waitForServiceWorker(page);
	await context.setOffline(true);

	await page.goto('/decks/sco');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'SCO and multilateral cooperation'
	);
	await expect(page.getByRole('article').first()).toBeVisible();

	// Whatever the study page shows, it comes from the cache, not the browser's offline error.
	const study = await page.goto('/study/energy');
	expect(study?.status()).toBe(200);
	await expect(page.getByRole('link', { name: 'Meridian' })).toBeVisible();

	// A path the precache does not hold falls back to the app shell, which renders that path in the
	// browser: the deck for a trailing slash, the app's own 404 page for a path that is no page.
	const slash = await page.goto('/decks/sco/');
	expect(slash?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'SCO and multilateral cooperation'
	);
	await page.goto('/no-such-page');
	await expect(page.getByRole('link', { name: 'Meridian' })).toBeVisible();
	await expect(page.getByText('404')).toBeVisible();
});

test('the app is installable', async ({ page, request }) => {
	const manifest = await (await request.get('/manifest.webmanifest')).json();
	expect(manifest).toMatchObject({ short_name: 'Meridian', display: 'standalone', start_url: '/' });
	for (const icon of manifest.icons) {
		const response = await request.get(icon.src);
		expect(response.headers()['content-type']).toBe('image/png');
	}
	await page.goto('/');
	await waitForServiceWorker(page);
	const cdp = await page.context().newCDPSession(page);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	const errors = installabilityErrors.map((e: { errorId: string }) => e.errorId);
	expect(errors.filter((id: string) => id !== 'in-incognito')).toEqual([]);
});

test('offline: study, a quiz and settings work, and a review made offline survives a reload', async ({
	page,
	context
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);

	await page.goto('/study/energy');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: 'Good' }).click();
	await expect(page.getByText('· 1 done')).toBeVisible();
	await page.reload();
	await expect(page.getByRole('button', { name: 'Undo last review' })).toBeVisible();
	await page.goto('/');
	await expect(page.getByTestId('counts-energy')).toContainText('1 learning');

	await page.goto('/quiz/sco');
	await page.getByRole('button', { name: 'Start quiz' }).click();
	// A small deck draws fewer than 10 questions that give none of the others away.
	await expect(page.getByText(/^Question 1 of \d+$/)).toBeVisible();
	await expect(page.locator('#quiz-prompt')).not.toBeEmpty();

	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: 'Backup' })).toBeVisible();
	await expect(page.getByText(/Storage is/)).toBeVisible();
});
