import { expect, test, type Locator, type Page } from '@playwright/test';
import { essayAwake, expectNoAxeViolations, takeScreenshots } from './helpers';
import { citationsBySentence } from '../src/lib/essay/locate';

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Cards citing this sentence' });

/** Opens a sentence's cards by `act` (a tap, a click, Enter), retrying until hydrated. */
async function open(sentence: Locator, act: () => Promise<void>) {
	await expect(async () => {
		if ((await sentence.getAttribute('aria-expanded')) !== 'true') await act();
		await expect(sentence).toHaveAttribute('aria-expanded', 'true', { timeout: 1_000 });
	}).toPass();
}

test('only sentences that cards cite carry a marker, with their number of cards', async ({
	page,
	request
}) => {
	const essay = await (await request.get('/essay.json')).json();
	const deck = await (await request.get('/decks/all.json')).json();
	const citations = citationsBySentence(essay.sections, deck.cards);
	await page.goto('/essay');
	const marked = await page
		.locator('.marker')
		.evaluateAll((els) =>
			els.map((m): [string, string] => [
				m.parentElement!.id.slice(2),
				m.textContent!.replace('\u2060', '')
			])
		);
	expect(new Map(marked)).toEqual(
		new Map([...citations].map(([id, cards]) => [id, String(cards.length)]))
	);
	const uncited = essay.sections
		.flatMap((s: { paragraphs: { sentences: { id: string }[] }[] }) => s.paragraphs)
		.flatMap((p: { sentences: { id: string }[] }) => p.sentences)
		.map((s: { id: string }) => s.id)
		.filter((id: string) => !citations.has(id));
	expect(uncited.length).toBeGreaterThan(0);
	for (const id of uncited) {
		await expect(page.locator(`#s-${id}`)).not.toHaveAttribute('role', 'button');
	}
});

test('phone: a tapped sentence opens its cards in a sheet beside it; a tap outside closes', async ({
	page
}, info) => {
	test.skip(info.project.name !== 'phone', 'touch and the bottom sheet are the phone layout');
	await page.goto('/essay');
	await essayAwake(page);
	const sentence = page.locator('#s-bri-role-2-1');
	await sentence.scrollIntoViewIfNeeded();
	await open(sentence, () => sentence.tap());
	const sheet = dialog(page);
	await expect(sheet).toBeFocused();
	await expect(sheet.getByRole('listitem').first()).toBeVisible();
	// A sheet along the bottom of the screen, the sentence in sight above it.
	const box = (await sheet.boundingBox())!;
	const viewport = page.viewportSize()!;
	expect(Math.round(box.y + box.height)).toBe(viewport.height);
	expect(box.width).toBe(viewport.width);
	const above = (await sentence.evaluate((el) => {
		const rects = el.getClientRects();
		return rects[rects.length - 1]!.bottom;
	})) as number;
	await expect.poll(async () => (await sheet.boundingBox())!.y).toBeGreaterThan(0);
	expect(above).toBeLessThanOrEqual((await sheet.boundingBox())!.y + 1);
	expect(above).toBeGreaterThan(0);
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await page.screenshot({ path: `tests/screenshots/reader-sheet-${info.project.name}.png` });
	await expect(sheet.getByRole('button', { name: 'Close' })).toHaveCSS('min-height', '44px');

	// A tap on the heading, outside the sheet and the sentence, closes it.
	await page.getByRole('heading', { level: 1 }).tap();
	await expect(sheet).toHaveCount(0);
	await expect(sentence).toHaveAttribute('aria-expanded', 'false');
});

test('keyboard: Enter opens the cards next to the sentence, Escape closes and returns focus', async ({
	page
}, info) => {
	await page.goto('/essay#s-conclusion-1-1');
	const sentence = page.locator('#s-conclusion-1-1');
	await expect(sentence).toBeFocused();
	await open(sentence, () => page.keyboard.press('Enter'));
	const popover = dialog(page);
	await expect(popover).toBeFocused();
	await expect(sentence).toHaveAttribute('aria-controls', (await popover.getAttribute('id'))!);
	if (info.project.name === 'desktop') {
		// Right under the sentence's last line, not at the end of its paragraph.
		const bottom = await sentence.evaluate((el) => {
			const rects = el.getClientRects();
			return rects[rects.length - 1]!.bottom + scrollY;
		});
		const top = await popover.evaluate((el) => el.getBoundingClientRect().top + scrollY);
		expect(Math.abs(top - bottom - 6)).toBeLessThanOrEqual(2);
		await expect(popover).toBeInViewport();
		await expectNoAxeViolations(page);
		if (takeScreenshots)
			await page.screenshot({ path: `tests/screenshots/reader-popover-${info.project.name}.png` });
	}
	await page.keyboard.press('Tab');
	await expect(popover.getByRole('button', { name: 'Close' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(popover).toHaveCount(0);
	await expect(sentence).toBeFocused();
	await expect(sentence).toHaveAttribute('aria-expanded', 'false');

	// Close does the same; opening another sentence closes the first.
	await page.keyboard.press('Enter');
	await expect(popover).toBeFocused();
	await popover.getByRole('button', { name: 'Close' }).click();
	await expect(sentence).toBeFocused();
	await page.keyboard.press('Enter');
	const other = page.locator('#s-conclusion-1-2');
	await other.click();
	await expect(sentence).toHaveAttribute('aria-expanded', 'false');
	await expect(other).toHaveAttribute('aria-expanded', 'true');
	await expect(popover).toHaveCount(1);
});

for (const scheme of ['light', 'dark'] as const) {
	test(`the open popover passes axe in the ${scheme} theme`, async ({ page }, info) => {
		await page.emulateMedia({ colorScheme: scheme });
		await page.goto('/essay');
		await essayAwake(page);
		const sentence = page.locator('#s-bri-role-2-1');
		await open(sentence, () => sentence.click());
		await expect(dialog(page)).toBeVisible();
		await expectNoAxeViolations(page);
		if (takeScreenshots)
			await page.screenshot({
				path: `tests/screenshots/reader-open-${scheme}-${info.project.name}.png`
			});
	});
}
