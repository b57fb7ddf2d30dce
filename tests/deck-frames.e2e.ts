import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, takeScreenshots } from './helpers';
import { waitForServiceWorker } from './pwa';

// The quiz page is prerendered as its start screen (issue 18), with none of the deck's cards in the
// HTML: the browser loads the deck and hydrates that markup into the live page. Offline the app
// shell renders study and quiz pages in the browser.

interface Deck {
	title: string;
	cards: { prompt: string }[];
}

test('the quiz’s start screen is in the page’s HTML, without the deck’s cards', async ({
	request
}) => {
	const deck: Deck = await (await request.get('/decks/history.json')).json();
	const html = await (await request.get('/quiz/history')).text();
	expect(html).toContain(`<h1>Quiz: ${deck.title}</h1>`);
	expect(html).toContain('>Questions</legend>');
	expect(html).toContain('>Feedback</legend>');
	expect(html).toMatch(/<button[^>]*type="submit"[^>]*disabled[^>]*>Start quiz<\/button>/);
	expect(html).toContain(`<title>Quiz: ${deck.title} - Meridian</title>`);
	for (const card of deck.cards) expect(html).not.toContain(card.prompt);
	// The deck downloads with the scripts, after the first paint.
	expect(html).toMatch(
		/<template id="meridian-preloads"><link rel="preload" href="\/decks\/history.json" as="fetch"/
	);
});

test('an unknown deck is still the 404 page', async ({ page }) => {
	for (const path of ['/quiz/no-such-deck', '/study/no-such-deck']) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
	}
});

test('before its scripts run the quiz shows its start screen, Start waiting; then it starts', async ({
	page
}, info) => {
	// Hold the scripts back: what shows then is the prerendered page alone.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/quiz/history', { waitUntil: 'commit' });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Quiz: History of Sino-Russo Relations'
	);
	await expect(page.getByRole('button', { name: 'Start quiz' })).toBeDisabled();
	await expect(page.getByRole('radio', { name: '10' })).toBeChecked();
	await expect(page.getByText('Reading your attempts…')).toBeVisible();
	if (takeScreenshots)
		await page.screenshot({ path: `tests/screenshots/quiz-frame-${info.project.name}.png` });
	release();
	await expect(page.getByRole('button', { name: 'Start quiz' })).toBeEnabled();
	await expect(page.getByText('No finished attempt yet.')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('radio', { name: '5' }).check();
	await page.getByRole('button', { name: 'Start quiz' }).click();
	await expect(page.getByText('Question 1 of 5')).toBeVisible();
});

test.describe('offline', () => {
	test.use({ serviceWorkers: 'allow' });
	test.beforeEach(() => {
		test.skip(test.info().project.name !== 'phone', 'the service worker is the same at every size');
	});

	test('study and quiz pages opened online reload offline and work', async ({ page, context }) => {
		await page.goto('/quiz/history');
		await waitForServiceWorker(page);
		await page.goto('/study/history');
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
		await context.setOffline(true);

		await page.reload();
		await expect(page.getByText('20 left · 0 done')).toBeVisible();
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: 'Good' }).click();
		await expect(page.getByText('· 1 done')).toBeVisible();

		await page.goto('/quiz/history');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Quiz: History of Sino-Russo Relations'
		);
		await page.getByRole('button', { name: 'Start quiz' }).click();
		await expect(page.getByText(/^Question 1 of \d+$/)).toBeVisible();
		await page.reload();
		await expect(page.getByText(/^Question 1 of \d+$/)).toBeVisible();
	});
});
