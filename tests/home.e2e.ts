import { expect, test, type Page } from '@playwright/test';
import {
	expectNoAxeViolations,
	keepParsed,
	parsedKept,
	putRows,
	reviewState,
	studyGoodByKeyboard,
	takeScreenshots
} from './helpers';

/** Puts every card of the whole deck in review, due at `due` (a time after now). */
async function seedAllReviewed(page: Page, due: number) {
	const all = await (await page.request.get('/decks/all.json')).json();
	const now = Date.now();
	await putRows(page, {
		cardStates: all.cards.map((card: { id: string }, i: number) =>
			reviewState(card.id, due, now - 60_000, `seed-${i}`)
		)
	});
}

test('a newcomer sees one next step, the sections with Study and Quiz, and how it works', async ({
	page,
	request
}) => {
	const index = await (await request.get('/decks/index.json')).json();
	const sections = index.decks.filter((d: { kind: string }) => d.kind === 'section');
	await page.goto('/');
	const next = page.getByTestId('next-action');
	await expect(next).toHaveText('Start: 20 new cards');
	await expect(next).toHaveAttribute('href', '/study/all');
	expect((await next.boundingBox())!.height).toBeGreaterThanOrEqual(44);

	// Each section, in essay order, has Study and Quiz, and the first is on the first screen.
	const list = page.getByRole('region', { name: 'Sections' });
	for (const section of sections) {
		await expect(list.getByRole('link', { name: `Study ${section.title}` })).toHaveAttribute(
			'href',
			`/study/${section.id}`
		);
		const quiz = list.getByRole('link', { name: `Quiz ${section.title}` });
		await expect(quiz).toHaveAttribute('href', `/quiz/${section.id}`);
		const box = (await quiz.boundingBox())!;
		expect(box.height).toBeGreaterThanOrEqual(44);
		expect(box.width).toBeGreaterThanOrEqual(44);
	}
	await expect(list.getByRole('link', { name: `Quiz ${sections[0].title}` })).toBeInViewport();

	// "How it works" until dismissed, and dismissed for good.
	const how = page.getByRole('region', { name: 'How it works' });
	await expect(how).toContainText('Each card comes back just before you would forget it');
	await how.getByRole('button', { name: 'Got it, hide this' }).click();
	await expect(how).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Knowledge map' })).toBeFocused();
	await page.reload();
	await expect(page.getByTestId('knowledge-total')).toContainText('None of the essay');
	await expect(how).toHaveCount(0);
	await page.goto('/about');
	await expect(
		page.getByText('Each card comes back just before you would forget it')
	).toBeVisible();
});

test('the next step becomes "Review n due", then "All done" with the next review time', async ({
	page
}) => {
	await page.goto('/study/history');
	await studyGoodByKeyboard(page, 2);
	await page.goto('/');
	// Two cards in learning are due again today; 18 new cards wait after them.
	await expect(page.getByTestId('next-action')).toHaveText('Review 2 due');
	await expect(page.getByRole('region', { name: 'Today' })).toContainText(
		'2 cards are ready to review, then 18 new cards.'
	);

	// Every card reviewed, the next one due tomorrow at 09:00: nothing to do today.
	const tomorrow = await page.evaluate(() => {
		const d = new Date();
		return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 9).getTime();
	});
	await seedAllReviewed(page, tomorrow);
	await page.reload();
	await expect(page.getByTestId('next-action')).toHaveText(
		'All done, next review tomorrow at 09:00.'
	);
});

test('the knowledge map counts never-studied cards and names each section', async ({
	page,
	request
}) => {
	const deck = await (await request.get('/decks/all.json')).json();
	const history = deck.cards.filter(
		(c: { source: { section: string } }) => c.source.section === 'history'
	).length;
	await page.goto('/study/history');
	await studyGoodByKeyboard(page, 3);
	await page.goto('/');
	const segment = page.getByTestId('strip-history');
	// Three cards rated Good read as 3 of n studied beside their recall, never "100 %, Strong".
	await expect(segment).toHaveText(
		new RegExp(`^Read History of Sino-Russo Relations\\s*3 of ${history} studied · recall 100 %$`)
	);
	await expect(page.getByTestId('knowledge-total')).toHaveText(
		`3 of ${deck.cards.length} cards studied; predicted recall of those now 100 %.`
	);
	await expect(page.getByTestId('strip-conclusion')).toContainText('Conclusion');
	await expect(page.getByTestId('strip-conclusion')).toContainText(/0 of \d+ studied$/);
	await segment.click();
	await expect(page).toHaveURL(/\/essay#history$/);
});

test('"Skip to content" is the first Tab stop and moves focus to the page', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByTestId('next-action')).toBeVisible();
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
	// The next Tab lands in the page, not back in the header.
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

for (const scheme of ['light', 'dark'] as const) {
	test(`home passes axe in the ${scheme} theme`, async ({ page }, info) => {
		await page.emulateMedia({ colorScheme: scheme });
		await page.goto('/');
		await expect(page.getByTestId('next-action')).toBeVisible();
		await expect(page.getByRole('region', { name: 'How it works' })).toBeVisible();
		await expect(page.getByTestId('knowledge-total')).toContainText('cards studied');
		await expectNoAxeViolations(page);
		if (takeScreenshots)
			await page.screenshot({
				path: `tests/screenshots/home-new-${scheme}-${info.project.name}.png`,
				fullPage: true
			});
	});
}

test('home counts from the card index in its HTML and fetches no deck', async ({
	page,
	request
}) => {
	const html = await (await request.get('/')).text();
	expect(html).toContain('data-url="/decks/card-index.json"');
	const fetched: string[] = [];
	page.on('request', (r) => {
		const path = new URL(r.url()).pathname;
		if (path.endsWith('.json')) fetched.push(path);
	});
	await page.goto('/');
	await expect(page.getByTestId('next-action')).toHaveText('Start: 20 new cards');
	await expect(page.getByTestId('strip-history')).toHaveAttribute('data-band', 'never');
	expect(fetched).toEqual([]);
});

test('the sections do not move when the counts arrive after the first paint', async ({ page }) => {
	// The page paints its prerendered HTML before any script runs: where the sections stand then
	// is where they must stay once the next step has been counted (issue 18: a shift of 0.025).
	await page.addInitScript(() => {
		document.addEventListener('DOMContentLoaded', () => {
			const heading = document.getElementById('sections-heading');
			document.documentElement.dataset.sectionsTop = String(heading?.getBoundingClientRect().top);
		});
	});
	await page.goto('/');
	await expect(page.getByTestId('next-action')).toHaveText('Start: 20 new cards');
	const before = Number(await page.locator('html').getAttribute('data-sections-top'));
	const after = await page
		.locator('#sections-heading')
		.evaluate((h) => h.getBoundingClientRect().top);
	expect(before).toBeGreaterThan(0);
	expect(after).toBe(before);
});

test('below the first screen, the server HTML is kept through hydration and then works', async ({
	page
}) => {
	// Each part's nodes as parsed, before any script has run, which its island must keep.
	await keepParsed(page, [
		'#sections-heading',
		'#knowledge-heading',
		'#join-code',
		'#decks-themes'
	]);
	await page.goto('/');
	const islands = page.locator('[data-island]');
	await expect(islands.locator('#sections-heading')).toHaveCount(1);
	await expect(islands.locator('#join-code')).toHaveCount(1);
	// The counts, read after the page mounts, reach the islands.
	await expect(page.getByTestId('counts-all')).toContainText('new');
	await expect(page.getByTestId('knowledge-total')).toContainText('cards studied yet');
	expect(await parsedKept(page)).toEqual(Array(4).fill({ found: 1, kept: 1 }));
	// The join form's handler is live: a code typed and sent opens its join page.
	await page.locator('#join-code').fill('abcd2345');
	await page.locator('#join-code').press('Enter');
	await expect(page).toHaveURL(/\/join\/ABCD2345$/);
});

/**
 * Holds a read-write transaction on the card states from a second tab for `ms`, so the first
 * tab's read of them waits (IndexedDB runs a read after a write that overlaps it).
 */
async function holdCardStates(other: Page, ms: number) {
	await other.evaluate(async (hold) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('meridian');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const store = db.transaction('cardStates', 'readwrite').objectStore('cardStates');
		const until = performance.now() + hold;
		// Kept active by one request after another until the time is up.
		const again = () => {
			if (performance.now() < until) store.get('none').onsuccess = again;
		};
		again();
	}, ms);
}

/** The times (from the navigation) of each island's hydration and of home's counts computed. */
const hydrationOrder = (page: Page) =>
	page.evaluate(() => {
		const counts = performance.getEntriesByName('meridian:home-counts').at(-1);
		return {
			islands: performance.getEntriesByName('meridian:island-hydrated').map((e) => e.startTime),
			counts: counts ? counts.startTime + counts.duration : null
		};
	});

test('the islands below the first screen hydrate after Today’s counts, or after a second at most', async ({
	page,
	context
}) => {
	await page.goto('/');
	await expect(page.getByTestId('next-action')).toHaveText('Start: 20 new cards');
	const other = await context.newPage();
	await other.goto('/about');

	// The read held back 400 ms: no island is hydrated before its answer is drawn.
	await holdCardStates(other, 400);
	await page.reload();
	await expect(page.getByTestId('next-action')).toHaveText('Start: 20 new cards');
	await expect.poll(async () => (await hydrationOrder(page)).islands.length).toBe(6);
	const held = await hydrationOrder(page);
	expect(held.counts).not.toBeNull();
	expect(Math.min(...held.islands)).toBeGreaterThan(held.counts!);

	// Held back 3 s: the islands do not wait for it past a second, and work before the counts come.
	await holdCardStates(other, 3000);
	await page.reload();
	await expect.poll(async () => (await hydrationOrder(page)).islands.length).toBe(6);
	expect((await hydrationOrder(page)).counts).toBeNull();
	await page.locator('#join-code').fill('abcd2345');
	await page.locator('#join-code').press('Enter');
	await expect(page).toHaveURL(/\/join\/ABCD2345$/);
});
