import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, putRows, studyGoodByKeyboard, takeScreenshots } from './helpers';

/** Two finished quizzes on the history deck, stored as the quiz page stores them. */
async function seedQuizAttempts(page: Page) {
	const now = Date.now();
	await putRows(page, {
		quizAttempts: [60, 90].map((percent, i) => ({
			id: `seeded-${i}`,
			deckId: 'history',
			seed: i,
			cardIds: [],
			feedback: 'end',
			passMark: 0.7,
			startedAt: now - (2 - i) * 86_400_000,
			finishedAt: now - (2 - i) * 86_400_000 + 60_000,
			answers: [],
			percent,
			passed: percent >= 70,
			retryOf: null
		}))
	});
}

test('before any study the page says how to get statistics', async ({ page }) => {
	await page.goto('/stats');
	await expect(page.getByText('No reviews yet')).toBeVisible();
	await expect(page.getByRole('link', { name: 'study a deck' })).toHaveAttribute('href', '/');
	await expectNoAxeViolations(page);
});

test('statistics after a few reviews, light and dark', async ({ page, request }, info) => {
	const all = await (await request.get('/decks/all.json')).json();
	const cardCount: number = all.cards.length;
	await page.goto('/study/history');
	await studyGoodByKeyboard(page, 3);
	await seedQuizAttempts(page);

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
	await expect(page).toHaveURL(/\/stats$/);
	await expect(page.getByTestId('reviews-today')).toHaveText('Today: 3 reviews');
	await expect(page.getByText('3 reviews on 1 day in the last year')).toBeVisible();
	const states = page.getByTestId('cards-by-state');
	await expect(states).toContainText(`New ${cardCount - 3}`);
	await expect(states).toContainText('Learning 3');
	await expect(states).toContainText('Review 0');
	await expect(page.getByText('3 cards due in the next 30 days')).toBeVisible();
	await expect(
		page.getByRole('img', { name: /History of Sino-Russo Relations: 2 attempts/ })
	).toBeVisible();

	const calendar = page.getByRole('region', { name: 'Review calendar' });
	// It opens on the most recent weeks (laid out from its end, at every width): today's cell is
	// in view, and at the phone's width the year's first weeks are out of view to the left.
	const inView = await calendar.evaluate((el) => {
		const region = el.getBoundingClientRect();
		const cells = el.querySelectorAll('rect');
		const first = cells[0]!.getBoundingClientRect();
		const last = cells[cells.length - 1]!.getBoundingClientRect();
		return {
			today: last.left >= region.left && last.right <= region.right,
			firstWeeks: first.left >= region.left,
			scrolls: el.scrollWidth > el.clientWidth
		};
	});
	expect(inView.today, 'the calendar opens on the most recent weeks').toBe(true);
	expect(inView.firstWeeks).toBe(!inView.scrolls);
	// The calendar's cells are drawn as one piece of markup: a cell per day, today's last, each
	// with its tooltip.
	const cells = calendar.locator('rect');
	expect(await cells.count()).toBeGreaterThanOrEqual(365);
	await expect(cells.last().locator('title')).toHaveText(/^\w{3} \d{1,2} \w{3} \d{4}: 3 reviews$/);
	await expect(cells.first().locator('title')).toHaveText(/: 0 reviews$/);
	const heatmap = page.getByRole('region', { name: 'Reviews, last 365 days' });
	// A chart's table is drawn when it is first opened.
	await expect(heatmap.getByRole('table')).toHaveCount(0);
	await heatmap.getByText('Show as a table').click();
	await expect(heatmap.getByRole('table')).toContainText('3');
	await expect(heatmap.getByRole('rowheader')).toHaveCount(1);

	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
	expect(overflow, 'nothing runs off the side of the screen').toBeLessThanOrEqual(0);

	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await page.screenshot({ path: `tests/screenshots/stats-top-${info.project.name}.png` });
	if (takeScreenshots)
		await page.screenshot({
			path: `tests/screenshots/stats-${info.project.name}.png`,
			fullPage: true
		});
	await page.emulateMedia({ colorScheme: 'dark' });
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await page.screenshot({
			path: `tests/screenshots/stats-dark-${info.project.name}.png`,
			fullPage: true
		});
});

test('the charts are drawn at their box’s width and follow it when the window changes', async ({
	page
}) => {
	await page.goto('/study/history');
	await studyGoodByKeyboard(page, 2);
	await seedQuizAttempts(page);
	await page.goto('/stats');
	await expect(page.getByText('Quiz scores')).toBeVisible();
	// Each chart drawn to a width (the due forecast, the time studied, the quiz scores): its svg's
	// width is its box's.
	const widths = () =>
		page.evaluate(() =>
			['#forecast-heading', '#time-heading', '#quiz-heading'].map((heading) => {
				const section = document.querySelector(heading)!.closest('section')!;
				const svg = section.querySelector('svg')!;
				return { drawn: Number(svg.getAttribute('width')), box: svg.parentElement!.clientWidth };
			})
		);
	const fitted = async () => {
		const all = await widths();
		return all.every((w) => Math.abs(w.drawn - w.box) <= 1) ? all[0]!.box : all;
	};
	await expect.poll(fitted).toEqual(expect.any(Number));
	// Two widths under any cap on the column's width, on either project.
	const { height } = page.viewportSize()!;
	await page.setViewportSize({ width: 400, height });
	await expect.poll(fitted).toEqual(expect.any(Number));
	const narrow = (await fitted()) as number;
	await page.setViewportSize({ width: 600, height });
	await expect.poll(fitted).toBeGreaterThan(narrow);
});
