import { expect, test, type Page } from '@playwright/test';

interface Started {
	stores: string[];
	mode: IDBTransactionMode;
}

/** Records every IndexedDB transaction the page starts, in order, from its first script on. */
async function recordTransactions(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const started: { stores: string[]; mode: IDBTransactionMode }[] = [];
		(window as unknown as { __started: typeof started }).__started = started;
		const original = IDBDatabase.prototype.transaction;
		IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args) {
			const tx = original.apply(this, args);
			started.push({ stores: [...tx.objectStoreNames], mode: tx.mode });
			return tx;
		} as typeof original;
	});
}

const started = (page: Page) =>
	page.evaluate(() => (window as unknown as { __started: Started[] }).__started);

test.beforeEach(async ({ page }) => {
	await recordTransactions(page);
});

test('home reads its counts first, and nothing writes while pages load', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByTestId('next-action')).toHaveText('Start: 20 new cards');
	// Home's other readers start once its counts' read is answered (issue 18).
	expect((await started(page))[0]).toEqual({
		stores: ['cardMarks', 'cardStates', 'daySummaries', 'settings'],
		mode: 'readonly'
	});
	// The outbox's first send (2 s after the start) takes no write for a student in no class, so
	// it can never make a page's first read of the card states wait.
	for (const path of ['/', '/study/history', '/quiz/history', '/stats']) {
		await page.goto(path);
		await page.waitForTimeout(2_500);
		const writes = (await started(page)).filter((t) => t.mode !== 'readonly');
		expect(writes, path).toEqual([]);
	}
});

test('the study page opens its database while the deck downloads, not after', async ({ page }) => {
	await page.addInitScript(() => {
		const opened: number[] = [];
		(window as unknown as { __opened: number[] }).__opened = opened;
		const original = IDBFactory.prototype.open;
		IDBFactory.prototype.open = function (this: IDBFactory, ...args) {
			opened.push(performance.now());
			return original.apply(this, args);
		} as typeof original;
	});
	// The deck takes a second longer than everything else, so "after the deck" cannot pass by luck.
	let deckAnsweredAt = 0;
	await page.route('**/decks/history.json', async (route) => {
		const response = await route.fetch();
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		deckAnsweredAt = await page.evaluate(() => performance.now());
		await route.fulfill({ response });
	});
	await page.goto('/study/history');
	await expect(page.locator('#study-prompt')).toBeVisible();
	const opened = await page.evaluate(() => (window as unknown as { __opened: number[] }).__opened);
	expect(deckAnsweredAt).toBeGreaterThan(0);
	expect(opened.length).toBeGreaterThan(0);
	expect(opened[0]).toBeLessThan(deckAnsweredAt);
});
