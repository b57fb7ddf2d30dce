import { expect, type Page } from '@playwright/test';

export interface QuizCard {
	id: string;
	type: string;
	prompt: string;
	answer: string;
	options?: string[];
	statementIsTrue?: boolean;
	blanks?: { answer: string }[];
	value?: number;
	unit?: string;
	events?: string[];
}

/**
 * Fixes the seed of every quiz the page starts (the app draws it with one
 * `crypto.getRandomValues(new Uint32Array(1))`), so the questions and their order are the same on
 * every run (the specs say what their seed draws).
 */
export async function fixQuizSeed(page: Page, seed: number) {
	await page.addInitScript((value) => {
		const draw = crypto.getRandomValues.bind(crypto);
		crypto.getRandomValues = ((array: ArrayBufferView) => {
			if (array instanceof Uint32Array && array.length === 1) {
				array[0] = value;
				return array;
			}
			return draw(array as Uint8Array);
		}) as typeof crypto.getRandomValues;
	}, seed);
}

export async function currentCard(page: Page, cards: QuizCard[]): Promise<QuizCard> {
	const prompt = (await page.locator('#quiz-prompt').textContent())?.trim();
	const card = cards.find((c) => c.prompt === prompt);
	expect(card, `a card with prompt ${prompt}`).toBeDefined();
	return card!;
}

/** Answers the question on screen by keyboard, rightly or wrongly. */
export async function answer(page: Page, card: QuizCard, right: boolean) {
	if (card.type === 'mcq' || card.type === 'truefalse') {
		const labels = await page.locator('label.option').allTextContents();
		const correct =
			card.type === 'mcq' ? card.options![0]! : card.statementIsTrue ? 'True' : 'False';
		const index = labels.findIndex((l) => l.trim().endsWith(correct) === right);
		await page.keyboard.press(
			card.type === 'mcq' ? String(index + 1) : labels[index]!.trim()[0]!.toLowerCase()
		);
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
	} else if (card.type === 'ordering') {
		if (right) {
			for (const [target, event] of card.events!.entries()) {
				for (;;) {
					const texts = await page.locator('ol li .text').allTextContents();
					if (texts.indexOf(event) <= target) break;
					await page.getByRole('button', { name: `Move “${event}” up` }).focus();
					await page.keyboard.press('Enter');
				}
			}
		}
		await page.getByRole('button', { name: 'Check order' }).focus();
		await page.keyboard.press('Enter');
	} else {
		const texts =
			card.type === 'cloze'
				? card.blanks!.map((b) => b.answer)
				: card.type === 'numeric'
					? [`${card.value} ${card.unit}`]
					: [card.answer];
		for (const [i, text] of texts.entries()) {
			if (i > 0) await page.keyboard.press('Tab');
			await page.keyboard.type(right ? text : 'qqqq zzzz 0');
		}
		await page.keyboard.press('Enter');
	}
}
