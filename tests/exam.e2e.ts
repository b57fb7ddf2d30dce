import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, putRows, studyGoodByKeyboard, takeScreenshots } from './helpers';

/** Light, then dark: both colour schemes must pass axe. */
async function expectAccessibleInBothSchemes(page: Page) {
	await page.emulateMedia({ colorScheme: 'light' });
	await expectNoAxeViolations(page);
	await page.emulateMedia({ colorScheme: 'dark' });
	await expectNoAxeViolations(page);
	await page.emulateMedia({ colorScheme: 'light' });
}

/** The study day after today in the browser's time zone (days start at 4 am), as YYYY-MM-DD. */
const tomorrow = (page: Page) =>
	page.evaluate(() => {
		const d = new Date();
		if (d.getHours() < 4) d.setDate(d.getDate() - 1);
		d.setDate(d.getDate() + 1);
		return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
	});

const examLine = (page: Page) => page.getByTestId('exam-energy');

/** Sets tomorrow as the energy deck's exam date on its page; returns the date. */
async function setExamTomorrow(page: Page): Promise<string> {
	await page.goto('/decks/energy');
	const input = page.getByLabel('Exam date');
	await expect(input).toBeVisible();
	const date = await tomorrow(page);
	await input.fill(date);
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Exam date saved.' })).toBeVisible();
	await expect(page.getByText(/Exam on .* \(tomorrow\)/)).toBeVisible();
	return date;
}

const screenshot = async (page: Page, name: string) => {
	if (takeScreenshots) await page.screenshot({ path: `tests/screenshots/${name}.png` });
	await page.emulateMedia({ colorScheme: 'dark' });
	if (takeScreenshots) await page.screenshot({ path: `tests/screenshots/${name}-dark.png` });
	await page.emulateMedia({ colorScheme: 'light' });
};

test('the exam form, the exam line and exam preparation pass axe, light and dark', async ({
	page
}, info) => {
	// Six axe passes, two of them over the deck page's full card list: slower than one session.
	test.setTimeout(90_000);
	await setExamTomorrow(page);
	await expectAccessibleInBothSchemes(page);
	await screenshot(page, `exam-deck-${info.project.name}`);

	await page.goto('/');
	await expect(examLine(page)).toContainText('cards predicted below 90 %');
	await expectAccessibleInBothSchemes(page);
	await screenshot(page, `exam-home-${info.project.name}`);

	await page.goto('/study/energy?exam=1');
	await expect(page.getByRole('heading', { name: 'Exam preparation' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	await expectAccessibleInBothSchemes(page);
	await screenshot(page, `exam-study-${info.project.name}`);
});

test('set an exam date, see the forecast on home, prepare, and the forecast improves', async ({
	page,
	request
}) => {
	const deck = await (await request.get('/decks/energy.json')).json();
	const total: number = deck.cards.length;
	const date = await setExamTomorrow(page);

	await page.goto('/');
	const day = await page.evaluate(
		(d) =>
			new Intl.DateTimeFormat('en-GB', {
				weekday: 'short',
				day: 'numeric',
				month: 'short',
				year: 'numeric',
				timeZone: 'UTC'
			})
				.formatToParts(Date.parse(`${d}T00:00:00Z`))
				.filter((p) => p.type !== 'literal')
				.map((p) => p.value)
				.join(' '),
		date
	);
	await expect(examLine(page)).toContainText(
		`Energy deals: exam on ${day} (tomorrow) — ${total} of ${total} cards predicted below 90 %`
	);
	await expect(page.getByText('Cards you have never studied count as below')).toBeVisible();

	await page.getByRole('link', { name: 'Prepare for exam: Energy deals' }).click();
	await expect(page).toHaveURL(/\/study\/energy\?exam=1$/);
	await expect(page.getByRole('heading', { name: 'Exam preparation' })).toBeVisible();
	await expect(page.getByText(`Exam on ${day} (tomorrow)`)).toBeVisible();
	await expect(page.getByText(`${total} left · 0 done`)).toBeVisible();
	await studyGoodByKeyboard(page, 3);
	// Undo works as in any session: the card is back with its state from before.
	await page.keyboard.press('u');
	await expect(page.getByRole('status').filter({ hasText: 'Review undone.' })).toBeAttached();
	await expect(page.getByText('· 2 done')).toBeVisible();
	await studyGoodByKeyboard(page, 1, 2);

	// Three cards, each rated Good once, are predicted above 90 % by tomorrow morning.
	await page.goto('/');
	await expect(examLine(page)).toContainText(`${total - 3} of ${total} cards predicted below 90 %`);
	// The normal counts saw the same three reviews.
	await expect(page.getByTestId('counts-energy')).toContainText('3 learning');
	// Back in exam preparation, the cards already at target are left out.
	await page.goto('/study/energy?exam=1');
	await expect(page.getByText(`${total - 3} left · 0 done`)).toBeVisible();
});

test('a past exam date shows as past and can be cleared', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
	await expect(page.getByText(/due|Nothing is due/).first()).toBeVisible();
	// A date saved last year: the form refuses past dates, so it is written as an old session would.
	await putRows(page, {
		settings: [
			{ key: 'study', value: { desiredRetention: 0.9, examDates: { energy: '2020-01-06' } } }
		]
	});
	await page.goto('/study/energy?exam=1');
	await expect(page.getByRole('heading', { name: 'Your exam date has passed' })).toBeVisible();

	await page.goto('/decks/energy');
	await expect(page.getByText('Your exam on Mon 6 Jan 2020 has passed.')).toBeVisible();

	await page.goto('/');
	await expect(examLine(page)).toContainText(
		'Energy deals: your exam on Mon 6 Jan 2020 has passed.'
	);
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Clear exam date: Energy deals' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Exam date for Energy deals cleared.' })
	).toBeAttached();
	await expect(examLine(page)).toHaveCount(0);

	// The deck page clears a date too.
	await setExamTomorrow(page);
	await page.getByRole('button', { name: 'Clear' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Exam date cleared.' })).toBeVisible();
	await expect(page.getByText('Set the day of your exam')).toBeVisible();
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
	await expect(page.getByText(/due|Nothing is due/).first()).toBeVisible();
	await expect(examLine(page)).toHaveCount(0);
});

test('joining an assignment makes its due day the deck’s exam date', async ({
	browser,
	request
}, info) => {
	test.skip(info.project.name !== 'desktop', 'one run is enough for a flow through the server');
	const created = await request.post('/api/assignments', {
		data: {
			title: 'Energy before the exam',
			deckId: 'energy',
			mode: 'review',
			questionCount: 1,
			passMark: 0.7,
			dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString()
		}
	});
	expect(created.status()).toBe(201);
	const { joinUrl } = await created.json();

	const context = await browser.newContext();
	const student = await context.newPage();
	await student.goto(joinUrl);
	await expect(student.getByText('becomes your exam date')).toBeVisible();
	await student.getByLabel('Your name').fill('Cy');
	await student.getByRole('button', { name: 'Join' }).click();
	await expect(student.getByRole('link', { name: 'Energy before the exam' })).toBeVisible();
	await expect(examLine(student)).toContainText(/exam on .* \(in 3 days\)/);
	await student.goto('/decks/energy');
	await expect(student.getByText(/Exam on .* \(in 3 days\)/)).toBeVisible();
	await context.close();
});
