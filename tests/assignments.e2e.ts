import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { waitForServiceWorker } from './pwa';
import { answer, currentCard } from './quiz-helpers';
import { takeScreenshots } from './helpers';

test.describe(() => {
	// This test needs the service worker (the suite blocks it elsewhere).
	test.use({ serviceWorkers: 'allow' });
	test('an instructor sets a quiz; a student takes it offline; the result arrives once', async ({
		browser,
		request
	}, info) => {
		test.skip(info.project.name !== 'desktop', 'one run is enough for a two-browser flow');
		const deck = await (await request.get('/decks/risk-benefit.json')).json();

		const teacher = await (await browser.newContext()).newPage();
		await teacher.goto('/teach/new');
		await teacher.getByLabel('Title').fill('Risks check <b>week 3</b>');
		await teacher.getByLabel('Deck').selectOption('risk-benefit');
		await teacher.getByLabel('Questions').fill('4');
		await teacher.getByRole('button', { name: 'Create assignment' }).click();
		await expect(teacher.getByRole('heading', { name: 'Assignment created' })).toBeVisible();
		await expect(teacher.getByRole('img', { name: /QR code/ })).toBeVisible();
		const joinUrl = (await teacher.locator('a.url').textContent())!.trim();
		const results = await new AxeBuilder({ page: teacher }).analyze();
		expect(results.violations.map((v) => v.id)).toEqual([]);

		const studentContext = await browser.newContext();
		const student = await studentContext.newPage();
		await student.goto(joinUrl);
		await student.getByLabel('Your name').fill('Ann <script>alert(1)</script>');
		await student.getByRole('button', { name: 'Join' }).click();
		await expect(student.getByRole('link', { name: 'Risks check <b>week 3</b>' })).toBeVisible();
		await waitForServiceWorker(student);

		await studentContext.setOffline(true);
		await student.getByRole('link', { name: 'Risks check <b>week 3</b>' }).click();
		await expect(student.getByRole('heading', { level: 1 })).toContainText('Assignment');
		await student.getByRole('button', { name: 'Start quiz' }).click();
		for (let i = 0; i < 4; i++) {
			await expect(student.getByText(`Question ${i + 1} of 4`)).toBeVisible();
			await answer(student, await currentCard(student, deck.cards), i !== 1);
			// The verdict takes focus (screen readers read it); the next question is a button away.
			await expect(student.locator('#feedback-verdict')).toBeFocused();
			await student.getByRole('button', { name: /Next question|See results/ }).click();
		}
		// Three right and one wrong (an ordering question left shuffled earns partial credit).
		await expect(student.getByRole('heading', { level: 1 })).toContainText('%');
		const score = (await student.getByRole('heading', { level: 1 }).textContent())!.split(' %')[0]!;
		expect(Number(score)).toBeGreaterThanOrEqual(75);
		expect(Number(score)).toBeLessThan(100);
		await expect(student.getByText('Waiting to send')).toBeVisible();

		await studentContext.setOffline(false);
		await expect(student.getByText('Sent to your instructor.')).toBeVisible({ timeout: 20_000 });

		await teacher.getByRole('link', { name: 'open the dashboard' }).click();
		await expect(teacher.getByRole('heading', { name: 'Students' })).toBeVisible();
		const rows = teacher.getByRole('region', { name: 'Students' }).locator('tbody tr');
		await expect(rows).toHaveCount(1);
		await expect(rows.first()).toContainText('Ann <script>alert(1)</script>');
		// The server graded the raw answers itself and agrees with the app.
		await expect(rows.first()).toContainText(`${score} %`);
		await expect(teacher.getByRole('heading', { name: 'Questions' })).toBeVisible();
		await expect(teacher.locator('.questions > li')).toHaveCount(4);
		const [download] = await Promise.all([
			teacher.waitForEvent('download'),
			teacher.getByRole('button', { name: 'Download CSV' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^meridian-.*-results\.csv$/);

		// Each question links to the sentence it tests in the reader.
		const first = teacher.locator('.questions > li').first();
		const quote = (await first.locator('blockquote').innerText()).trim();
		await first.getByRole('link', { name: 'Read in context' }).click();
		await expect(teacher).toHaveURL(/\/essay#q-/);
		await expect(teacher.locator('.highlighted').first()).toBeFocused();
		const highlighted = (await teacher.locator('.highlighted').allInnerTexts()).join(' ');
		expect(highlighted.replace(/\s+/g, ' ')).toContain(quote.replace(/\s+/g, ' ').slice(0, 40));
		await studentContext.close();
	});
});

test('a review assignment: the student studies, sends progress, the dashboard lists it', async ({
	browser,
	request
}, info) => {
	test.skip(info.project.name !== 'desktop', 'one run is enough for a two-browser flow');
	const created = await request.post('/api/assignments', {
		data: {
			title: 'Review the energy deals',
			deckId: 'energy',
			mode: 'review',
			questionCount: 1,
			passMark: 0.7,
			dueAt: new Date(Date.now() + 86_400_000).toISOString()
		}
	});
	expect(created.status()).toBe(201);
	const { joinUrl, dashboardUrl } = await created.json();

	const context = await browser.newContext();
	const student = await context.newPage();
	await student.goto(joinUrl);
	await student.getByLabel('Your name').fill('Bo');
	await student.getByRole('button', { name: 'Join' }).click();
	await student.getByRole('link', { name: 'Review the energy deals' }).click();
	for (let i = 0; i < 2; i++) {
		await student.getByRole('button', { name: 'Show answer' }).click();
		await student.getByRole('button', { name: 'Good' }).click();
		await expect(student.getByText(`· ${i + 1} done`)).toBeVisible();
	}
	await student.goto('/');
	await student.getByRole('button', { name: 'Send my progress' }).click();
	await expect(student.getByText(/· sent/)).toBeVisible({ timeout: 20_000 });

	const teacher = await context.newPage();
	await teacher.goto(dashboardUrl);
	const row = teacher.getByRole('region', { name: 'Students' }).locator('tbody tr');
	await expect(row).toHaveCount(1);
	await expect(row.first()).toContainText('Bo');
	await expect(row.first()).toContainText('done');
	await context.close();
});

/** An assignment made through the API, as the form would make it. */
async function createQuiz(
	request: import('@playwright/test').APIRequestContext,
	data: Record<string, unknown>
) {
	const created = await request.post('/api/assignments', {
		data: {
			title: 'Risks graded fairly',
			deckId: 'risk-benefit',
			mode: 'quiz',
			questionCount: 4,
			passMark: 0.8,
			dueAt: new Date(Date.now() + 86_400_000).toISOString(),
			...data
		}
	});
	expect(created.status()).toBe(201);
	return (await created.json()) as { code: string; joinUrl: string; dashboardUrl: string };
}

test('the instructor accepts a response for everyone and the student’s score changes', async ({
	browser,
	request
}, info) => {
	test.skip(info.project.name !== 'desktop', 'one run is enough for a two-browser flow');
	const deck = await (await request.get('/decks/risk-benefit.json')).json();
	const { joinUrl, dashboardUrl } = await createQuiz(request, { maxAttempts: 1 });

	const studentContext = await browser.newContext();
	const student = await studentContext.newPage();
	await student.goto(joinUrl);
	await expect(student.getByText('One attempt: the first one you finish is sent.')).toBeVisible();
	const axeJoin = await new AxeBuilder({ page: student }).analyze();
	expect(axeJoin.violations.map((v) => v.id)).toEqual([]);
	await student.getByLabel('Your name').fill('Cy');
	await student.getByRole('button', { name: 'Join' }).click();
	await student.getByRole('link', { name: 'Risks graded fairly' }).click();
	// The start screen shows only what applies: no question count, and the policy.
	await expect(student.getByRole('heading', { level: 1 })).toContainText('Assignment');
	await expect(student.getByText('One attempt: the first one you finish is sent.')).toBeVisible();
	await expect(student.getByRole('group', { name: 'Questions' })).toHaveCount(0);
	await expect(student.getByRole('radio', { name: '5' })).toHaveCount(0);
	const axeStart = await new AxeBuilder({ page: student }).analyze();
	expect(axeStart.violations.map((v) => v.id)).toEqual([]);
	await student.getByRole('button', { name: 'Start quiz' }).click();
	let wrongDone = false;
	for (let i = 0; i < 4; i++) {
		await expect(student.getByText(`Question ${i + 1} of 4`)).toBeVisible();
		const card = await currentCard(student, deck.cards);
		// One question answered wrongly (not an ordering one, which could come out right).
		const right = wrongDone || card.type === 'ordering';
		if (!right) wrongDone = true;
		await answer(student, card, right);
		await student.getByRole('button', { name: /Next question|See results/ }).click();
	}
	await expect(student.getByRole('heading', { level: 1 })).toContainText('75 %');
	await expect(student.getByText('Sent to your instructor.')).toBeVisible({ timeout: 20_000 });
	// One attempt: no retake from the start screen.
	await student.getByRole('button', { name: 'New quiz' }).click();
	await expect(student.getByText(/You have taken this assignment \(75 %\)/)).toBeVisible();
	await expect(student.getByRole('button', { name: 'Start quiz' })).toHaveCount(0);

	const teacher = await (await browser.newContext()).newPage();
	await teacher.goto(dashboardUrl);
	const row = teacher.getByRole('region', { name: 'Students' }).locator('tbody tr');
	await expect(row).toHaveCount(1);
	await expect(row.first()).toContainText('75 %');
	await expect(row.first()).toContainText('not passed, on time');
	await expect(teacher.getByText(/one attempt/)).toBeVisible();
	const accept = teacher.getByRole('button', { name: 'Accept for everyone' });
	await expect(accept).toHaveCount(1);
	await expect(accept).toHaveAccessibleDescription(/^“.*” × 1$/);
	for (const [name, width] of [
		['phone', 360],
		['desktop', 1280]
	] as const) {
		await teacher.setViewportSize({ width, height: width === 360 ? 740 : 900 });
		if (takeScreenshots)
			await teacher.screenshot({ path: `tests/screenshots/dashboard-${name}.png`, fullPage: true });
	}
	await accept.click();
	// The button pressed is gone (the response is now accepted): focus moves to the outcome.
	await expect(
		teacher.getByRole('status').filter({ hasText: 'for everyone: 1 score changed' })
	).toBeFocused();
	await expect(row.first()).toContainText('100 %');
	await expect(row.first()).toContainText('passed, on time');
	await expect(row.first()).not.toContainText('not passed');
	const changes = teacher.getByRole('region', { name: 'Grading changes' });
	await expect(changes.getByRole('listitem')).toHaveCount(1);
	await expect(changes).toContainText(/accepted “.*” for question\s+\d · 1 score changed/);
	const axeDashboard = await new AxeBuilder({ page: teacher }).analyze();
	expect(axeDashboard.violations.map((v) => v.id)).toEqual([]);
	await teacher.setViewportSize({ width: 360, height: 740 });
	if (takeScreenshots)
		await teacher.screenshot({
			path: 'tests/screenshots/dashboard-accepted-phone.png',
			fullPage: true
		});
	await teacher.setViewportSize({ width: 1280, height: 900 });

	// The CSV has the new score.
	const [download] = await Promise.all([
		teacher.waitForEvent('download'),
		teacher.getByRole('button', { name: 'Download CSV' }).click()
	]);
	const csv = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
	expect(csv.split('\r\n')[1]).toMatch(/^Cy,,100,yes,no,/);

	// And the instructor can take it back.
	const undo = teacher.getByRole('button', { name: 'Undo' });
	await expect(undo).toHaveAccessibleDescription(/^“.*” since /);
	await undo.click();
	await expect(row.first()).toContainText('75 %');
	await expect(changes.getByRole('listitem')).toHaveCount(2);
	await expect(changes).toContainText('no longer accepted');
	await studentContext.close();
});

test.describe(() => {
	// This test needs the service worker (the suite blocks it elsewhere).
	test.use({ serviceWorkers: 'allow' });
	test('a quiz finished offline before the due time and sent after it is on time', async ({
		browser,
		request
	}, info) => {
		test.skip(info.project.name !== 'desktop', 'one run is enough for a two-browser flow');
		const deck = await (await request.get('/decks/risk-benefit.json')).json();
		// Due a minute ago by the server's clock; the student's device lives ten minutes earlier, so
		// it finishes before the due time and its result reaches the server after it.
		const due = Date.now() - 60_000;
		const { joinUrl, dashboardUrl } = await createQuiz(request, {
			title: 'SCO before the deadline',
			dueAt: new Date(due).toISOString()
		});
		const context = await browser.newContext();
		await context.clock.install({ time: due - 10 * 60_000 });
		const student = await context.newPage();
		await student.goto(joinUrl);
		await student.getByLabel('Your name').fill('Di');
		await student.getByRole('button', { name: 'Join' }).click();
		await student.getByRole('link', { name: 'SCO before the deadline' }).click();
		await waitForServiceWorker(student);
		await expect(student.getByText('Unlimited attempts; your best score counts.')).toBeVisible();
		await context.setOffline(true);
		await student.getByRole('button', { name: 'Start quiz' }).click();
		for (let i = 0; i < 4; i++) {
			await expect(student.getByText(`Question ${i + 1} of 4`)).toBeVisible();
			await answer(student, await currentCard(student, deck.cards), true);
			if (i === 3) {
				// The last answer is given before the due time; the student reads its feedback past it.
				expect(await student.evaluate(() => Date.now())).toBeLessThan(due);
				await context.clock.fastForward('12:00');
				expect(await student.evaluate(() => Date.now())).toBeGreaterThan(due);
			}
			await student.getByRole('button', { name: /Next question|See results/ }).click();
		}
		await expect(student.getByText('Waiting to send')).toBeVisible();
		await context.setOffline(false);
		await expect(student.getByText('Sent to your instructor.')).toBeVisible({ timeout: 30_000 });

		const teacher = await (await browser.newContext()).newPage();
		await teacher.goto(dashboardUrl);
		const row = teacher.getByRole('region', { name: 'Students' }).locator('tbody tr');
		await expect(row).toHaveCount(1);
		await expect(row.first()).toContainText('passed, finished on time, sent later');
		await expect(row.first()).not.toContainText(', late');
		await context.close();
	});
});
