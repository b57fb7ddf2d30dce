import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe-core on the page as it is now: no rule may be violated. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/**
 * Studies `reviews` cards by keyboard only, as a student would: Space shows the answer (which is
 * announced and moves focus to "Good"), 3 rates it Good. `already` counts reviews done before in
 * this session.
 */
export async function studyGoodByKeyboard(page: Page, reviews: number, already = 0): Promise<void> {
	for (let i = 0; i < reviews; i++) {
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
		await page.keyboard.press('Space');
		await expect(page.getByRole('status').filter({ hasText: 'Answer:' })).toBeAttached();
		await expect(page.getByRole('button', { name: 'Good' })).toBeFocused();
		await page.keyboard.press('3');
		await expect(page.getByText(`· ${already + i + 1} done`)).toBeVisible();
	}
}

/**
 * Waits until the app has created its IndexedDB database. A test that opens it itself before then
 * would create an empty one without the app's stores (an open without a version makes version 1).
 */
export async function appDatabaseReady(page: Page): Promise<void> {
	await page.waitForFunction(async () =>
		(await indexedDB.databases()).some((d) => d.name === 'meridian' && (d.version ?? 0) > 0)
	);
}
