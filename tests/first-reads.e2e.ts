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
