import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';
import { answer, currentCard } from './quiz-helpers';

test('a section quiz by keyboard: score, feedback, retry of the missed question', async ({
	page,
	request
}, info) => {
	const deck = await (await request.get('/decks/economic-landscape.json')).json();
	await page.goto('/decks/economic-landscape');
	await page.getByRole('link', { name: 'Take a quiz' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Quiz');
	await expectNoAxeViolations(page);
	await page.getByLabel('5', { exact: true }).check();
	await page.getByRole('button', { name: 'Start quiz' }).click();

	for (let i = 0; i < 5; i++) {
		await expect(page.getByText(`Question ${i + 1} of 5`)).toBeVisible();
		const card = await currentCard(page, deck.cards);
		await answer(page, card, i !== 0);
		const feedback = page.getByRole('region', { name: 'Feedback' });
		await expect(feedback).toContainText(i === 0 ? /Not quite|Partly right/ : /^Correct/);
		if (i === 0) {
			await expectNoAxeViolations(page);
			await page.screenshot({ path: `tests/screenshots/quiz-feedback-${info.project.name}.png` });
		}
		await expect(page.getByRole('button', { name: /Next question|See results/ })).toBeFocused();
		await page.keyboard.press('Enter');
	}

	await expect(page.getByRole('heading', { level: 1 })).toHaveText('80 % · Passed');
	await expectNoAxeViolations(page);
	await page.screenshot({
		path: `tests/screenshots/quiz-results-${info.project.name}.png`,
		fullPage: true
	});
	await page.getByRole('button', { name: 'Retry missed questions' }).click();
	await expect(page.getByText('Question 1 of 1')).toBeVisible();
	const missed = await currentCard(page, deck.cards);
	await answer(page, missed, true);
	await expect(page.getByRole('button', { name: 'See results' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('100 % · Passed');

	await page.getByRole('button', { name: 'New quiz' }).click();
	await expect(page.getByText('Best 100 % · latest 100 %')).toBeVisible();

	// The missed question went into the study queue as a learning card.
	await page.goto('/');
	await expect(page.getByTestId('counts-economic-landscape')).toContainText('1 learning');
});

test('a quiz resumes where it was after a reload', async ({ page, request }) => {
	const deck = await (await request.get('/decks/conclusion.json')).json();
	await page.goto('/quiz/conclusion');
	await page.getByLabel('At the end').check();
	await page.getByRole('button', { name: 'Start quiz' }).click();
	await expect(page.getByText('Question 1 of 10')).toBeVisible();
	await answer(page, await currentCard(page, deck.cards), true);
	await expect(page.getByText('Question 2 of 10')).toBeVisible();
	const second = await page.locator('#quiz-prompt').textContent();
	await page.reload();
	await expect(page.getByText('Question 2 of 10')).toBeVisible();
	await expect(page.locator('#quiz-prompt')).toHaveText(second!);
});
