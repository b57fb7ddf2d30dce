import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, studyGoodByKeyboard, takeScreenshots } from './helpers';

/** Light, then dark: both colour schemes must pass axe; screenshots of both when named. */
async function checkBothSchemes(page: Page, shot?: string) {
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		await expectNoAxeViolations(page);
		if (shot)
			if (takeScreenshots)
				await page.screenshot({ path: `tests/screenshots/${shot}-${scheme}.png`, fullPage: true });
	}
	await page.emulateMedia({ colorScheme: 'light' });
}

test.describe.configure({ timeout: 180_000 });

const prompt = (page: Page) => page.locator('#study-prompt');

/** Keeps a write transaction on the card marks open for `ms`, so the app's next write waits. */
const holdMarksStore = (page: Page, ms: number) =>
	page.evaluate(
		(ms) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('meridian');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('cardMarks', 'readwrite');
					const store = tx.objectStore('cardMarks');
					const until = performance.now() + ms;
					const spin = () => {
						if (performance.now() < until) store.count().onsuccess = spin;
					};
					spin();
					tx.oncomplete = () => open.result.close();
					resolve();
				};
			}),
		ms
	);

test('the card browser: search, suspend, undo; a suspended card is never studied', async ({
	page
}, info) => {
	await page.goto('/study/energy');
	await expect(page.getByText('20 left · 0 done')).toBeVisible();
	const first = (await prompt(page).textContent())!.trim();

	await page.goto('/cards?deck=energy');
	await expect(page.getByText(/^27 of \d+ cards/)).toBeVisible();
	await page.getByLabel('Search cards').fill(first.slice(0, 40).toUpperCase());
	const row = page.getByRole('article', { name: first });
	await expect(row).toBeVisible();
	await expect(page.getByText(/^1 of \d+ cards/)).toBeVisible();
	await row.getByRole('button', { name: /Details and actions/ }).click();
	await expect(row.getByText('Never studied: a new card.')).toBeVisible();
	await expect(row.getByText('No reviews yet.')).toBeVisible();

	await row.getByRole('button', { name: 'Suspend' }).click();
	const status = page.getByRole('status').filter({ hasText: 'Suspended:' });
	await expect(status).toContainText('Undo is available');
	await expect(row.getByText('Suspended', { exact: true })).toBeVisible();
	await row.getByRole('button', { name: 'Blue' }).click();
	await expect(row.getByText('Blue flag')).toBeVisible();
	await expect(row.getByRole('button', { name: 'Blue' })).toHaveAttribute('aria-pressed', 'true');
	await checkBothSchemes(page, `cards-${info.project.name}`);

	// Undo takes back the flag, then (after suspending again) the suspension is kept.
	await page.getByRole('button', { name: /^Undo/ }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Undone: flagged blue' })).toBeAttached();
	await expect(row.getByText('Blue flag')).toHaveCount(0);
	await expect(row.getByRole('button', { name: /Details and actions|Hide details/ })).toBeFocused();
	await expect(row.getByText('Suspended', { exact: true })).toBeVisible();
	// The bug: Ctrl+Z pressed while the change was still being written was lost, and the browser's
	// own undo emptied the search box instead. The marks store is held busy for a moment so the
	// key always comes before the write ends.
	await holdMarksStore(page, 1_000);
	await row.getByRole('button', { name: 'Unsuspend' }).click();
	await page.keyboard.press('Control+z');
	await expect(page.getByRole('status').filter({ hasText: 'Undone: unsuspended' })).toBeAttached();
	await expect(row.getByText('Suspended', { exact: true })).toBeVisible();
	await expect(page.getByLabel('Search cards')).toHaveValue(first.slice(0, 40).toUpperCase());

	// Stored: after a reload the state filter finds it.
	await page.goto('/cards');
	// Filters start open on wide screens and collapsed on phones.
	const stateFilter = page.getByRole('combobox', { name: /^State/ });
	await expect(page.getByText(/^\d+ of \d+ cards/)).toBeVisible();
	if (!(await stateFilter.isVisible())) await page.getByText(/^Filters/).click();
	await page.getByRole('combobox', { name: /^State/ }).selectOption('suspended');
	await expect(page.getByText(/^1 of \d+ cards/)).toBeVisible();
	await expect(page.getByRole('article', { name: first })).toBeVisible();

	// Study leaves it out: the deck's next card comes first and the count drops by none (there
	// are more new cards than the limit), while the suspended one never shows.
	await page.goto('/study/energy');
	await expect(page.getByText('20 left · 0 done')).toBeVisible();
	await expect(prompt(page)).not.toHaveText(first);
	await page.goto('/cards?deck=energy');
	await page.getByLabel('Search cards').fill(first.slice(0, 40));
	await page.getByRole('button', { name: /Details and actions/ }).click();
	await page.getByRole('button', { name: 'Bury until tomorrow' }).click();
	await expect(page.getByRole('article').getByText(/Buried until/)).toBeVisible();
});

test('a deck limit, the session summary and custom study', async ({ page }, info) => {
	await page.goto('/settings');
	await page.getByLabel(/Show a daily streak/).check();
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

	await page.goto('/decks/energy');
	await page.getByLabel(/This deck’s limit/).fill('2');
	await page.getByRole('button', { name: 'Save limit' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'at most 2 new cards' })).toBeVisible();
	await checkBothSchemes(page);

	await page.goto('/study/energy');
	await expect(page.getByText('2 left · 0 done')).toBeVisible();
	// Again, then Good: both come back on learning steps later today.
	await page.keyboard.press('Space');
	// As a student does, once the answer is shown: the answer's code may still be on its way
	// when the page has just opened, and a rating key before the answer is shown does nothing.
	await expect(page.getByRole('button', { name: 'Again' })).toBeVisible();
	await page.keyboard.press('1');
	await expect(page.getByText('· 1 done')).toBeVisible();
	await studyGoodByKeyboard(page, 1, 1);
	await expect(page.getByText('2 left · 2 done')).toBeVisible();

	// Forgotten cards: the one rated Again.
	await page.goto('/decks/energy');
	await page.getByLabel('Review forgotten cards').check();
	await page.getByLabel(/Rated Again in the last how many days/).fill('1');
	await page.getByRole('button', { name: 'Start custom study' }).click();
	await expect(page).toHaveURL(/\/study\/energy\?more=forgotten&n=1$/);
	await expect(page.getByText('Custom study: Forgotten cards, 1 day')).toBeVisible();
	await expect(page.getByText('1 left · 0 done')).toBeVisible();
	// Easy: it graduates, so the session ends.
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Easy' })).toBeVisible();
	await page.keyboard.press('4');
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();
	const summary = page.getByRole('region', { name: 'Session complete' });
	await expect(summary.getByText('Cards reviewed')).toBeVisible();
	await expect(summary.getByText('0 %')).toBeVisible();
	await expect(summary.getByText(/Daily streak: 1 day/)).toBeVisible();
	await expect(summary.getByText(/Cards of this deck are still due today/)).toBeVisible();
	await checkBothSchemes(page, `summary-${info.project.name}`);

	// Extra new cards from the summary's own "Study more".
	await summary.getByLabel('Extra new cards').check();
	await summary.getByLabel('How many new cards').fill('3');
	await summary.getByRole('button', { name: 'Start custom study' }).click();
	await expect(page).toHaveURL(/\?more=new&n=3$/);
	await expect(page.getByText('3 left · 0 done')).toBeVisible();
	await studyGoodByKeyboard(page, 3);

	// Review ahead takes the studied cards due in the next days, learning ones included.
	await page.goto('/study/energy?more=ahead&n=30');
	await expect(page.getByText('Custom study: Review ahead, 30 days')).toBeVisible();
	await expect(page.getByText('5 left · 0 done')).toBeVisible();

	// The deck's limit stays used: home offers no more new cards from it today.
	await page.goto('/');
	await expect(page.getByTestId('counts-energy')).toHaveText(/^0 new · /);

	await page.goto('/stats');
	await expect(page.getByText(/Daily streak: 1 day/)).toBeVisible();
});
