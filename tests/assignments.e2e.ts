import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { waitForServiceWorker } from './pwa';
import { answer, currentCard } from './quiz-helpers';

test('an instructor sets a quiz; a student takes it offline; the result arrives once', async ({
	browser,
	request
}, info) => {
	test.skip(info.project.name !== 'desktop', 'one run is enough for a two-browser flow');
	const deck = await (await request.get('/decks/sco.json')).json();

	const teacher = await (await browser.newContext()).newPage();
	await teacher.goto('/teach/new');
	await teacher.getByLabel('Title').fill('SCO check <b>week 3</b>');
	await teacher.getByLabel('Deck').selectOption('sco');
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
	await expect(student.getByRole('link', { name: 'SCO check <b>week 3</b>' })).toBeVisible();
	await waitForServiceWorker(student);

	await studentContext.setOffline(true);
	await student.getByRole('link', { name: 'SCO check <b>week 3</b>' }).click();
	await expect(student.getByRole('heading', { level: 1 })).toContainText('Assignment');
	await student.getByRole('button', { name: 'Start quiz' }).click();
	for (let i = 0; i < 4; i++) {
		await expect(student.getByText(`Question ${i + 1} of 4`)).toBeVisible();
		await answer(student, await currentCard(student, deck.cards), i !== 1);
		await expect(student.getByRole('button', { name: /Next question|See results/ })).toBeFocused();
		await student.keyboard.press('Enter');
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
	const rows = teacher.locator('tbody tr');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Ann <script>alert(1)</script>');
	// The server graded the raw answers itself and agrees with the app.
	await expect(rows.first()).toContainText(`${score} %`);
	await expect(teacher.getByRole('heading', { name: 'Questions' })).toBeVisible();
	await expect(teacher.locator('.questions li')).toHaveCount(4);
	const [download] = await Promise.all([
		teacher.waitForEvent('download'),
		teacher.getByRole('button', { name: 'Download CSV' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^meridian-.*-results\.csv$/);

	// Each question links to the sentence it tests in the reader.
	const first = teacher.locator('.questions li').first();
	const quote = (await first.locator('blockquote').innerText()).trim();
	await first.getByRole('link', { name: 'Read in context' }).click();
	await expect(teacher).toHaveURL(/\/essay#q-/);
	await expect(teacher.locator('.highlighted').first()).toBeFocused();
	const highlighted = (await teacher.locator('.highlighted').allInnerTexts()).join(' ');
	expect(highlighted.replace(/\s+/g, ' ')).toContain(quote.replace(/\s+/g, ' ').slice(0, 40));
	await studentContext.close();
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
	const row = teacher.locator('tbody tr');
	await expect(row).toHaveCount(1);
	await expect(row.first()).toContainText('Bo');
	await expect(row.first()).toContainText('done');
	await context.close();
});
