import { expect, test, type Page } from '@playwright/test';
import {
	essayAwake,
	expectNoAxeViolations,
	putRows,
	readRows,
	reviewState,
	studyGoodByKeyboard,
	takeScreenshots
} from './helpers';
import { citationsBySentence } from '../src/lib/essay/locate';

/** The ids of a section's cards as the map counts them: by the section of the card's source. */
function cardsOfSection(cards: { id: string; source: { section: string } }[], section: string) {
	return new Set(cards.filter((c) => c.source.section === section).map((c) => c.id));
}

/** Turns the map on (it is remembered) and waits until the student's progress is painted. */
async function showMap(page: Page) {
	// The essay paints before its scripts start: a click before it is live does nothing.
	await essayAwake(page);
	const toggle = page.getByRole('button', { name: 'Knowledge map', exact: true });
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	expect((await toggle.boundingBox())!.height).toBeGreaterThanOrEqual(44);
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByRole('list', { name: 'Knowledge map legend' })).toBeVisible();
}

/** Stores a spread of reviewed states (a third of the cards left new) so every band shows. */
async function seedSpreadOfRecall(page: Page) {
	const all = await (await page.request.get('/decks/all.json')).json();
	const DAY = 86_400_000;
	const now = Date.now();
	const states = all.cards.flatMap((card: { id: string }, i: number) => {
		if (i % 3 === 2) return [];
		const daysAgo = [0, 19, 56, 400][i % 4]!;
		return [reviewState(card.id, now, now - daysAgo * DAY, `seed-${i}`)];
	});
	await putRows(page, { cardStates: states });
}

test('the knowledge map changes after studying, in the reader and on home', async ({
	page,
	request
}) => {
	const essay = await (await request.get('/essay.json')).json();
	const deck = await (await request.get('/decks/all.json')).json();
	const citations = citationsBySentence(essay.sections, deck.cards);
	const history = page.getByTestId('section-recall-history');
	const n = cardsOfSection(deck.cards, 'history').size;

	await page.goto('/essay');
	await showMap(page);
	await expect(history).toHaveText(`Knowledge map: none of ${n} cards studied yet.`);
	const painted = page.locator('[id^="s-history-"][data-band]');
	await expect(painted).toHaveCount(
		[...citations.keys()].filter((id) => id.startsWith('history-')).length
	);
	expect(new Set(await painted.evaluateAll((els) => els.map((e) => e.dataset.band)))).toEqual(
		new Set(['never'])
	);
	const firstCited = [...citations.keys()].find((id) => id.startsWith('history-'))!;
	await expect(page.locator(`#s-${firstCited}`)).toContainText('knowledge map: never studied');

	await page.goto('/study/history');
	await studyGoodByKeyboard(page, 3);
	const { cardStates } = await readRows(page, ['cardStates']);
	const studied = (cardStates as { cardId: string }[]).map((s) => s.cardId);
	expect(studied).toHaveLength(3);

	// The map is remembered: back in the reader it is on and shows the three cards just studied.
	await page.goto('/essay');
	await expect(page.getByRole('button', { name: 'Knowledge map', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(history).toHaveText(
		`Knowledge map: 3 of ${n} cards studied, predicted recall 100 % of those.`
	);
	for (const [sentence, cardIds] of citations) {
		const expected = cardIds.some((id) => studied.includes(id)) ? 'strong' : 'never';
		if (!sentence.startsWith('history-') && expected === 'never') continue;
		await expect(page.locator(`#s-${sentence}`)).toHaveAttribute('data-band', expected);
	}
	await expect(page.getByTestId('section-recall-conclusion')).toContainText('none of');

	await page.goto('/');
	const segment = page.getByTestId('strip-history');
	await expect(segment).toHaveAccessibleName(
		`Read History of Sino-Russo Relations 3 of ${n} studied · recall 100 %`
	);
	await expect(segment).toHaveAttribute('data-band', 'strong');
	await expect(page.getByTestId('strip-conclusion')).toHaveAttribute('data-band', 'never');
	await segment.click();
	await expect(page).toHaveURL(/\/essay#history$/);
});

for (const scheme of ['light', 'dark'] as const) {
	test(`home and the reader with the map pass axe in the ${scheme} theme`, async ({
		page,
		request
	}, info) => {
		const deck = await (await request.get('/decks/all.json')).json();
		const ofHistory = cardsOfSection(deck.cards, 'history');
		// seedSpreadOfRecall leaves every third card of the whole deck new.
		const never = deck.cards.filter(
			(c: { id: string }, i: number) => i % 3 === 2 && ofHistory.has(c.id)
		).length;
		const shot = async (name: string) => {
			if (takeScreenshots)
				await page.screenshot({
					path: `tests/screenshots/${name}-${scheme}-${info.project.name}.png`
				});
		};
		await page.emulateMedia({ colorScheme: scheme });
		await page.goto('/');
		await expect(page.getByTestId('strip-history')).toBeVisible();
		await seedSpreadOfRecall(page);
		await page.reload();
		await expect(page.getByTestId('strip-history')).not.toHaveAttribute('data-band', 'never');
		await expectNoAxeViolations(page);
		await shot('knowledge-home');

		await page.goto('/essay');
		await showMap(page);
		for (const band of ['strong', 'fading', 'weak', 'forgotten', 'never']) {
			await expect(page.locator(`[data-band="${band}"]`).first()).toBeAttached();
		}
		await page.getByText('Predicted recall by section').click();
		await expect(page.getByTestId('summary-history')).toContainText(
			new RegExp(
				`^History of Sino-Russo Relations: ${ofHistory.size - never} of ${ofHistory.size} cards studied, predicted recall \\d+ % of those$`
			)
		);
		await expectNoAxeViolations(page);
		await shot('knowledge-reader');
		await page.locator('#history').scrollIntoViewIfNeeded();
		await shot('knowledge-reader-history');
	});
}

test('with the map on, a deep link still highlights its sentence', async ({ page }) => {
	await page.goto('/essay');
	await showMap(page);
	await page.goto('/essay#s-conclusion-1-1');
	const sentence = page.locator('#s-conclusion-1-1');
	await expect(sentence).toBeFocused();
	await expect(sentence).toHaveClass(/highlighted/);
	// The map paints once the reader has hydrated and read IndexedDB: slow with two browsers
	// sharing two cores, so this waits longer than the default.
	await expect(sentence).toHaveAttribute('data-band', 'never', { timeout: 15_000 });
});
