import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectNoAxeViolations, takeScreenshots } from './helpers';
import { answer, currentCard, fixQuizSeed } from './quiz-helpers';

test('a section quiz by keyboard: score, feedback, retry of the missed question', async ({
	page,
	request
}, info) => {
	// five questions, a retry and four axe scans: more than the default 30 s on a busy machine
	test.slow();
	const deck = await (await request.get('/decks/economic-landscape.json')).json();
	// seed 2 draws four mcqs and a typed question: the first (answered wrongly) is a choice
	await fixQuizSeed(page, 2);
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
		const feedback = page.locator('section.feedback');
		await expect(feedback).toContainText(i === 0 ? /Not quite|Partly right|Not right/ : /Correct/);
		if (i === 0) {
			await expectNoAxeViolations(page);
			if (takeScreenshots)
				await page.screenshot({ path: `tests/screenshots/quiz-feedback-${info.project.name}.png` });
		}
		// Focus is on the verdict, which screen readers read out; the next question is a Tab away.
		await expect(page.locator('#feedback-verdict')).toBeFocused();
		await expect(page.locator('#feedback-verdict')).toContainText(i === 0 ? /Not/ : /Correct/);
		if (i === 0) {
			// the fixed seed starts with a choice question, so its marks are checked on every run
			expect(['mcq', 'truefalse']).toContain(card.type);
			await expect(feedback.locator('li', { hasText: 'Your answer' })).toHaveCount(1);
			await expect(feedback.locator('li', { hasText: 'Right answer' })).toHaveCount(1);
		}
		const next = page.getByRole('button', { name: /Next question|See results/ });
		for (
			let tab = 0;
			tab < 12 && !(await next.evaluate((b) => b === document.activeElement));
			tab++
		)
			await page.keyboard.press('Tab');
		await expect(next).toBeFocused();
		await page.keyboard.press('Enter');
	}

	await expect(page.getByRole('heading', { level: 1 })).toHaveText('80 % · Passed');
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await page.screenshot({
			path: `tests/screenshots/quiz-results-${info.project.name}.png`,
			fullPage: true
		});
	await page.getByRole('button', { name: 'Retry missed questions' }).click();
	await expect(page.getByText('Question 1 of 1')).toBeVisible();
	const missed = await currentCard(page, deck.cards);
	await answer(page, missed, true);
	await expect(page.locator('#feedback-verdict')).toBeFocused();
	await page.getByRole('button', { name: 'See results' }).focus();
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
	// A quiz holds no two questions that give each other away, so a small deck may ask fewer than 10.
	await expect(page.getByText(/Question 1 of \d+/)).toBeVisible();
	await answer(page, await currentCard(page, deck.cards), true);
	await expect(page.getByText(/Question 2 of \d+/)).toBeVisible();
	const second = await page.locator('#quiz-prompt').textContent();
	await page.reload();
	await expect(page.getByText(/Question 2 of \d+/)).toBeVisible();
	await expect(page.locator('#quiz-prompt')).toHaveText(second!);
});

test('a quiz whose last answer was given before a reload is finished, not lost', async ({
	page,
	request
}) => {
	const deck = await (await request.get('/decks/conclusion.json')).json();
	await page.goto('/quiz/conclusion');
	await page.getByRole('button', { name: 'Start quiz' }).click();
	const total = Number(
		(await page.getByText(/Question 1 of \d+/).textContent())!.match(/of (\d+)/)![1]
	);
	for (let i = 0; i < total; i++) {
		await expect(page.getByText(`Question ${i + 1} of ${total}`)).toBeVisible();
		await answer(page, await currentCard(page, deck.cards), true);
		await expect(page.locator('#feedback-verdict')).toContainText('Correct');
		if (i < total - 1) await page.getByRole('button', { name: 'Next question' }).click();
	}
	// The page closes on the last feedback, before "See results".
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('100 % · Passed');
	await page.goto('/quiz/conclusion');
	await expect(page.getByText('Best 100 % · latest 100 %')).toBeVisible();
});

test.describe('by touch at 360 px', () => {
	test.use({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });

	test('a tapped choice and the right option stay marked after checking, in the review too', async ({
		page,
		request
	}, info) => {
		test.slow(); // five questions by touch and an axe scan: slow on a busy machine
		const deck = await (await request.get('/decks/history.json')).json();
		// the fixed seed draws a true/false first and an mcq second, so both kinds are checked
		await fixQuizSeed(page, 42);
		await page.goto('/quiz/history');
		await page.getByLabel('5', { exact: true }).tap();
		await page.getByRole('button', { name: 'Start quiz' }).tap();
		const checked = new Set<string>();
		for (let i = 0; i < 5; i++) {
			await expect(page.getByText(`Question ${i + 1} of 5`)).toBeVisible();
			const card = await currentCard(page, deck.cards);
			if (card.type === 'mcq' || card.type === 'truefalse') {
				const right =
					card.type === 'mcq' ? card.options![0]! : card.statementIsTrue ? 'True' : 'False';
				const wrong = page.locator('label.option').filter({ hasNotText: right }).first();
				const picked = (await wrong.locator('span').last().textContent())!.trim();
				await wrong.tap();
				await page.getByRole('button', { name: 'Check answer' }).tap();
				const feedback = page.getByRole('region', { name: /Not quite|Not right/ });
				await expect(feedback.locator('li', { hasText: 'Your answer' })).toContainText(picked);
				await expect(feedback.locator('li', { hasText: 'Right answer' })).toContainText(right);
				await expect(feedback.locator('li', { hasText: 'Right answer' })).toContainText('✓');
				if (checked.size === 0) {
					await expectNoAxeViolations(page);
					if (takeScreenshots)
						await page.screenshot({
							path: `tests/screenshots/quiz-marks-touch-${info.project.name}.png`,
							fullPage: true
						});
				}
				checked.add(card.type);
			} else {
				await answer(page, card, true);
			}
			await page.getByRole('button', { name: /Next question|See results/ }).tap();
		}
		await expect(page.getByRole('heading', { level: 1 })).toContainText('%');
		expect([...checked].sort()).toEqual(['mcq', 'truefalse']);
		await expect(page.locator('.review li', { hasText: 'Your answer' }).first()).toBeVisible();
	});
});

test.describe('the questions load after the start screen', () => {
	// Text only the results screen has: it marks the chunk of the quiz's lazy code.
	const LAZY_CODE = 'Retry missed questions';

	/** The scripts the quiz page's HTML preloads, in order, and which of them is the lazy code. */
	async function quizScripts(request: APIRequestContext) {
		const html = await (await request.get('/quiz/history')).text();
		const urls = [...html.matchAll(/<link href="([^"]+)" rel="modulepreload">/g)].map((m) => m[1]!);
		const texts = await Promise.all(urls.map(async (url) => (await request.get(url)).text()));
		const lazy = urls.filter((_, i) => texts[i]!.includes(LAZY_CODE));
		return { urls, lazy };
	}

	test('the start screen runs none of it: the HTML preloads it last, and an early Start waits for it', async ({
		page,
		request
	}) => {
		const { urls, lazy } = await quizScripts(request);
		// One chunk holds the questions and results, preloaded after every script the start needs.
		// The page's own chunk (its route node) is not it.
		expect(lazy).toHaveLength(1);
		expect(lazy[0]).not.toMatch(/\/nodes\//);
		expect(urls.at(-1)).toBe(lazy[0]);

		// The chunk is held on the network until the student has pressed Start.
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		const fetched: string[] = [];
		await page.route(`**${lazy[0]}`, async (route) => {
			fetched.push(route.request().url());
			await released;
			await route.continue();
		});
		await page.goto('/quiz/history');
		await page.getByRole('button', { name: 'Start quiz', disabled: false }).click();
		await expect(
			page.getByRole('status').filter({ hasText: 'Loading the questions…' })
		).toBeVisible();
		await expectNoAxeViolations(page);
		release();
		await expect(page.getByText(/Question 1 of \d+/)).toBeVisible();
		await expect(page.getByText('Loading the questions…')).toHaveCount(0);
		// Preloaded and imported: one download.
		expect(fetched).toHaveLength(1);
	});

	test('when the code cannot be fetched, the page says so and Try again starts the quiz', async ({
		page,
		request
	}) => {
		const { lazy } = await quizScripts(request);
		await page.route(`**${lazy[0]}`, (route) => route.abort('internetdisconnected'));
		await page.goto('/quiz/history');
		await page.getByRole('button', { name: 'Start quiz', disabled: false }).click();
		const problem = page
			.getByRole('alert')
			.filter({ hasText: 'The questions could not be loaded' });
		await expect(problem).toBeVisible();
		await expect(page.getByRole('button', { name: 'Try again' })).toBeFocused();
		await expectNoAxeViolations(page);
		await page.unroute(`**${lazy[0]}`);
		await page.getByRole('button', { name: 'Try again' }).click();
		await expect(page.getByText(/Question 1 of \d+/)).toBeVisible();
		await expect(problem).toHaveCount(0);
	});
});
