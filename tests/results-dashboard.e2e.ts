import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { Card } from '../src/lib/decks/types';
import type { QuizResponse } from '../src/lib/quiz/types';
import { expectNoAxeViolations, takeScreenshots } from './helpers';

// The per-assignment dashboard at scale: per-question counts and options, the student x question
// grid (its name column fixed when it scrolls sideways at 360 px), polling with ?since= that
// pauses while the tab is hidden and announces new submissions, the CSV in the browser's zone.
test.use({ timezoneId: 'Asia/Kolkata' });

function response(card: Card, right: boolean): QuizResponse {
	switch (card.type) {
		case 'mcq':
			return { kind: 'choice', option: card.options[right ? 0 : 1]! };
		case 'truefalse':
			return { kind: 'truefalse', value: right === card.statementIsTrue };
		case 'basic':
		case 'typed':
			return { kind: 'text', text: right ? card.answer : 'no idea' };
		case 'cloze':
			return { kind: 'blanks', texts: card.blanks.map((b) => (right ? b.answer : 'no idea')) };
		case 'numeric':
			return { kind: 'number', text: right ? `${card.value} ${card.unit}` : '1' };
		case 'ordering':
			return { kind: 'order', events: right ? card.events : [...card.events].reverse() };
	}
}

async function setUp(request: APIRequestContext) {
	const created = await request.post('/api/assignments', {
		data: {
			title: 'Whole essay check',
			deckId: 'all',
			mode: 'quiz',
			questionCount: 20,
			passMark: 0.5,
			dueAt: new Date(Date.now() + 86_400_000).toISOString()
		}
	});
	expect(created.status()).toBe(201);
	const { code, dashboardUrl } = await created.json();
	const { questionIds } = await (await request.get(`/api/assignments/${code}`)).json();
	const deck = await (await request.get('/decks/all.json')).json();
	const cards = (questionIds as string[]).map((id) => deck.cards.find((c: Card) => c.id === id));
	const submit = async (id: string, name: string, pick: (i: number) => boolean | null) => {
		const now = Date.now();
		const answers = cards.flatMap((card: Card, i: number) => {
			const right = pick(i);
			return right === null ? [] : [{ cardId: card.id, response: response(card, right) }];
		});
		const res = await request.post(`/api/assignments/${code}/submissions`, {
			data: {
				id,
				studentId: `student-${id}`,
				name,
				answers,
				startedAt: now - 60_000,
				finishedAt: now
			}
		});
		expect(res.status()).toBe(201);
	};
	return { code, dashboardUrl: dashboardUrl as string, cards: cards as Card[], submit };
}

/** Hides the tab, then shows it again (what a browser does when the instructor switches tabs). */
async function setVisibility(page: Page, state: 'hidden' | 'visible') {
	await page.evaluate((value) => {
		Object.defineProperty(document, 'visibilityState', { value, configurable: true });
		document.dispatchEvent(new Event('visibilitychange'));
	}, state);
}

test('the dashboard shows counts, options and the grid, polls what changed and exports per question', async ({
	page,
	request
}, info) => {
	test.setTimeout(120_000);
	const { dashboardUrl, cards, submit } = await setUp(request);
	await submit('sub-grid-0001', 'Asha Verma-Longname', () => true);
	await submit('sub-grid-0002', 'Ben', (i) => i % 2 === 0);
	await submit('sub-grid-0003', 'Cy', (i) => (i < 5 ? false : null));
	await page.goto(dashboardUrl);
	const grid = page.getByRole('region', { name: 'Who got which question right' });
	await expect(grid.locator('tbody tr')).toHaveCount(3);
	// Colour is never the only signal: each cell says right, wrong or blank in words.
	const asha = grid.getByRole('row', { name: /Asha/ });
	await expect(asha.getByRole('cell')).toHaveCount(20);
	await expect(asha.getByRole('cell', { name: 'right' })).toHaveCount(20);
	const cy = grid.getByRole('row', { name: /^Cy/ });
	await expect(cy.getByRole('cell', { name: 'wrong' })).toHaveCount(5);
	await expect(cy.getByRole('cell', { name: 'blank' })).toHaveCount(15);
	await expect(page.getByText('the name column stays in place')).toBeVisible();
	// Per-question counts, and options chosen for each choice question.
	const questions = page.locator('.questions > li');
	await expect(questions.first()).toContainText('not answered');
	const choices = cards.filter((c) => c.type === 'mcq' || c.type === 'truefalse').length;
	expect(choices).toBeGreaterThan(0);
	await expect(page.getByRole('table', { name: /^Options chosen, question/ })).toHaveCount(choices);
	await expectNoAxeViolations(page);

	if (info.project.name === 'phone') {
		// At 360 px the grid scrolls sideways and the name column stays where it is.
		const scroller = grid.locator('.scroll');
		const name = asha.getByRole('rowheader');
		const before = (await name.boundingBox())!.x;
		const cell = asha.getByRole('cell').last();
		const cellBefore = (await cell.boundingBox())!.x;
		await scroller.evaluate((el) => (el.scrollLeft = 400));
		await expect.poll(async () => (await cell.boundingBox())!.x).toBeLessThan(cellBefore - 100);
		expect((await name.boundingBox())!.x).toBeCloseTo(before, 0);
		await grid.scrollIntoViewIfNeeded();
		if (takeScreenshots)
			await page.screenshot({ path: 'tests/screenshots/results-grid-phone.png' });
		await page
			.getByRole('table', { name: /^Options chosen/ })
			.first()
			.scrollIntoViewIfNeeded();
		if (takeScreenshots)
			await page.screenshot({ path: 'tests/screenshots/results-options-phone.png' });
	} else {
		await grid.scrollIntoViewIfNeeded();
		if (takeScreenshots)
			await page.screenshot({ path: 'tests/screenshots/results-grid-desktop.png' });
	}

	// Hidden, the tab stops polling; shown again, it catches up at once and says what is new.
	await setVisibility(page, 'hidden');
	await submit('sub-grid-0004', 'Dee', () => false);
	const polls: string[] = [];
	page.on('request', (r) => r.url().includes('/results') && polls.push(r.url()));
	await page.waitForTimeout(500);
	expect(polls).toEqual([]);
	await setVisibility(page, 'visible');
	await expect(grid.locator('tbody tr')).toHaveCount(4);
	expect(polls).toHaveLength(1);
	expect(polls[0]).toMatch(/\/results\?since=3$/);
	await expect(page.locator('.news')).toHaveText(/^1 new submission\. \d\d:\d\d$/);
	await expect(page.locator('.news')).toHaveAttribute('aria-live', 'polite');

	// The CSV: per-question columns and the finish time in the browser's zone, named in the header.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download CSV' }).click()
	]);
	const csv = await readFile((await download.path())!, 'utf8');
	const [header, first] = csv.replace(/^\uFEFF/, '').split('\r\n');
	// Chromium's ICU names the zone by its older alias.
	expect(header).toMatch(/,finished \(Asia\/(Kolkata|Calcutta)\),question 1,/);
	expect(header).toMatch(/,question 20$/);
	expect(first).toMatch(/^Asha Verma-Longname,.*,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(,right){20}$/);
});

test('the Students table shows one page at a time, paged by keyboard, and keeps its page through a poll', async ({
	page,
	request
}, info) => {
	test.setTimeout(180_000);
	const { dashboardUrl, submit } = await setUp(request);
	const names = Array.from({ length: 120 }, (_, i) => `Student ${String(i + 1).padStart(3, '0')}`);
	// One at a time: the table lists submissions in the order stored, which for requests sent at
	// once is the order they happen to arrive in (a batch sent together once put Student 111 last).
	for (const [i, name] of names.entries())
		await submit(`sub-page-${String(i).padStart(4, '0')}`, name, (q) => q < 10);
	await page.goto(dashboardUrl);
	const table = page.getByRole('region', { name: 'Submissions, scrolls sideways' });
	const rows = table.locator('tbody tr');
	const range = page.locator('#students-range');
	// The first answer carries 120 submissions of 20 questions: slow on a loaded machine.
	await expect(rows).toHaveCount(50, { timeout: 30_000 });
	await expect(rows.first()).toContainText('Student 001');
	await expect(range).toHaveText('Page 1 of 3: rows 1 to 50 of 120.');
	const pager = page.getByRole('navigation', { name: 'Pages of the students table' });
	const button = (name: string) => pager.getByRole('button', { name });
	const box = page.getByRole('spinbutton', { name: /^Page/ });
	// Every control is a 44 px target.
	for (const control of [
		button('First page'),
		button('Previous page'),
		box,
		button('Next page'),
		button('Last page')
	]) {
		const { width, height } = (await control.boundingBox())!;
		expect(Math.min(width, height)).toBeGreaterThanOrEqual(44);
	}
	await expect(button('Previous page')).toHaveAttribute('aria-disabled', 'true');
	await expectNoAxeViolations(page);

	// By keyboard: the focus stays on the button pressed and the new page is announced.
	const status = pager.locator('xpath=following-sibling::p[@role="status"]');
	await expect(status).toHaveAttribute('aria-live', 'polite');
	await button('Next page').focus();
	await page.keyboard.press('Enter');
	await expect(rows.first()).toContainText('Student 051');
	await expect(button('Next page')).toBeFocused();
	await expect(status).toHaveText('Page 2 of 3: rows 51 to 100 of 120.');
	await page.keyboard.press('Tab');
	await expect(button('Last page')).toBeFocused();
	await page.keyboard.press('Space');
	await expect(rows).toHaveCount(20);
	await expect(rows.last()).toContainText('Student 120');
	// On the last page Next and Last say they are unavailable and keep the focus.
	await expect(button('Last page')).toHaveAttribute('aria-disabled', 'true');
	await expect(button('Last page')).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(status).toHaveText('Page 3 of 3: rows 101 to 120 of 120.');
	await expect(box).toHaveValue('3');
	await pager.scrollIntoViewIfNeeded();
	if (takeScreenshots)
		await page.screenshot({
			path: `tests/screenshots/results-students-pages-${info.project.name}.png`
		});

	// A new submission arrives: the page shown stays, and the last page grows.
	await setVisibility(page, 'hidden');
	await submit('sub-page-late', 'Student 121', () => true);
	await setVisibility(page, 'visible');
	await expect(rows).toHaveCount(21);
	await expect(range).toHaveText('Page 3 of 3: rows 101 to 121 of 121.');

	// A page number typed in the box, then Enter.
	await box.fill('1');
	await box.press('Enter');
	await expect(rows.first()).toContainText('Student 001');
	await expect(status).toHaveText('Page 1 of 3: rows 1 to 50 of 121.');
	await expect(box).toBeFocused();
	// Out of range goes to the nearest page.
	await box.fill('99');
	await box.press('Enter');
	await expect(box).toHaveValue('3');
	await expect(rows.last()).toContainText('Student 121');
});
