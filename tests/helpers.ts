import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Screenshots are for people to look at (tests/screenshots/, at both sizes, light and dark). A CI
 * run keeps none of them, so it skips them unless SCREENSHOTS=1.
 */
export const takeScreenshots = !process.env.CI || process.env.SCREENSHOTS === '1';

/** Runs axe-core on the page as it is now: no rule may be violated. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/**
 * Keeps, for each selector, the elements it finds in the document as parsed, before any script
 * has run; `parsedKept` then says how many of them are still in the document. Islands (issue 18)
 * are hydrated from the server's HTML after the page: they must keep these nodes, not draw new
 * ones.
 */
export async function keepParsed(page: Page, selectors: string[]): Promise<void> {
	await page.addInitScript((selectors) => {
		document.addEventListener('readystatechange', () => {
			if (document.readyState !== 'interactive') return;
			const w = window as unknown as { __parsed: Element[][] };
			w.__parsed = selectors.map((selector) => [...document.querySelectorAll(selector)]);
		});
	}, selectors);
}

/** For each selector given to `keepParsed`: how many elements it found, and how many are kept. */
export function parsedKept(page: Page): Promise<{ found: number; kept: number }[]> {
	return page.evaluate(() => {
		const w = window as unknown as { __parsed: Element[][] };
		return w.__parsed.map((nodes) => ({
			found: nodes.length,
			kept: nodes.filter((node) => node.isConnected).length
		}));
	});
}

/**
 * Waits until every paragraph of the essay reader is hydrated: the page paints its prerendered
 * markup before any script starts, and a tap before hydration has no handler to answer it.
 */
export async function essayAwake(page: Page): Promise<void> {
	await expect(page.locator('p[data-asleep]')).toHaveCount(0, { timeout: 15_000 });
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

/**
 * Puts `rows` (store name -> rows) into the app's database in one transaction, as an older session
 * or another device would have left them. Waits for the app's database first.
 */
export async function putRows(page: Page, rows: Record<string, unknown[]>): Promise<void> {
	await appDatabaseReady(page);
	await page.evaluate(async (rows) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('meridian');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const tx = db.transaction(Object.keys(rows), 'readwrite');
		for (const [store, list] of Object.entries(rows)) {
			for (const row of list) tx.objectStore(store).put(row);
		}
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onabort = () => reject(tx.error);
		});
		db.close();
	}, rows);
}

/** Every row of each of `stores` in the app's database, read straight from IndexedDB. */
export async function readRows<S extends string>(
	page: Page,
	stores: readonly S[]
): Promise<Record<S, unknown[]>> {
	await appDatabaseReady(page);
	return page.evaluate(async (stores) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('meridian');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const rows: Record<string, unknown[]> = {};
		for (const store of stores) {
			rows[store] = await new Promise<unknown[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
		}
		db.close();
		return rows as Record<S, unknown[]>;
	}, stores);
}

/** A card in review as the app stores it (reviewed three times, stability 10 days). */
export function reviewState(cardId: string, due: number, lastReview: number, lastLogId: string) {
	return {
		cardId,
		due,
		stability: 10,
		difficulty: 5,
		elapsedDays: 0,
		scheduledDays: 10,
		learningSteps: 0,
		reps: 3,
		lapses: 0,
		state: 2,
		lastReview,
		lastLogId
	};
}
