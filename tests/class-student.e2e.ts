import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
	appDatabaseReady,
	expectNoAxeViolations,
	studyGoodByKeyboard,
	takeScreenshots
} from './helpers';
import { waitForServiceWorker } from './pwa';
import { parseDashboard } from '../src/lib/api/classes';

// The student's side of classes (issue 16): joining online and offline, the class's assignments
// on home, a shuffled quiz per student, the time limit, and review progress that reaches the
// instructor without a button. Classes and assignments are made through the API, as the
// instructor's pages do (those have their own spec).

async function newClass(request: APIRequestContext, roster = 'Ann Lee, S-1\nBo Chen, S-2') {
	const response = await request.post('/api/classes', { data: { name: 'Eurasia 101', roster } });
	expect(response.status()).toBe(201);
	return (await response.json()) as { code: string; key: string };
}

async function newAssignment(
	request: APIRequestContext,
	cls: { code: string; key: string },
	body: Record<string, unknown>
): Promise<string> {
	const response = await request.post('/api/assignments', {
		headers: { authorization: `Bearer ${cls.key}` },
		data: {
			classCode: cls.code,
			passMark: 0.6,
			dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
			...body
		}
	});
	expect(response.status(), await response.text()).toBe(201);
	return ((await response.json()) as { code: string }).code;
}

async function join(page: Page, code: string, name: string, number = '') {
	await page.goto(`/class/${code}`);
	await expect(page.getByRole('heading', { name: 'Eurasia 101' })).toBeVisible();
	await page.getByLabel('Your name').fill(name);
	if (number) await page.getByLabel('Student number').fill(number);
	await page.getByRole('button', { name: 'Join the class' }).click();
}

/** The question ids of the quiz attempt under way, as the page stored them. */
async function attemptOrder(page: Page): Promise<string[]> {
	return page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('meridian');
				open.onsuccess = () => {
					const all = open.result.transaction('quizAttempts').objectStore('quizAttempts').getAll();
					all.onsuccess = () => {
						const unfinished = (
							all.result as { finishedAt: number | null; cardIds: string[] }[]
						).filter((a) => a.finishedAt === null);
						open.result.close();
						resolve(unfinished[0]?.cardIds ?? []);
					};
					all.onerror = () => reject(all.error);
				};
				open.onerror = () => reject(open.error);
			})
	);
}

test('a student joins a class and finds every assignment on home; axe-clean, light and dark', async ({
	page,
	request
}, info) => {
	// Seven axe runs over home and the quiz on a shared 2-core machine.
	test.setTimeout(180_000);
	const cls = await newClass(request);
	await newAssignment(request, cls, {
		title: 'SCO check',
		deckId: 'sco',
		mode: 'quiz',
		questionCount: 4,
		timeLimitMinutes: 10,
		shuffle: true
	});
	await newAssignment(request, cls, { title: 'Review the SCO', deckId: 'sco', mode: 'review' });

	await page.goto(`/class/${cls.code}`);
	await expect(page.getByRole('heading', { name: 'Eurasia 101' })).toBeVisible();
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await page.screenshot({ path: `tests/screenshots/class-join-form-${info.project.name}.png` });
	await page.getByLabel('Your name').fill('Ann Lee');
	await page.getByLabel('Student number').fill('S-1');
	await page.getByRole('button', { name: 'Join the class' }).click();
	const result = page.getByRole('heading', { name: 'You are in Eurasia 101.' });
	await expect(result).toBeFocused();
	await expect(
		page.getByRole('status').filter({ hasText: 'You are in Eurasia 101.' })
	).toBeAttached();
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await page.screenshot({ path: `tests/screenshots/class-join-done-${info.project.name}.png` });

	// Joining twice is harmless: the page says where the membership stands.
	await page.goto(`/class/${cls.code}`);
	await expect(page.getByRole('heading', { name: 'You are in Eurasia 101.' })).toBeVisible();

	await page.getByRole('link', { name: 'See the class’s assignments' }).click();
	const section = page.getByRole('region', { name: 'Eurasia 101' });
	await expect(section.getByRole('link', { name: 'SCO check' })).toBeVisible();
	await expect(section.getByRole('link', { name: 'Review the SCO' })).toBeVisible();
	await expect(section.getByText(/10 min time limit/)).toBeVisible();
	await expect(section.getByText(/0 of \d+ cards studied/)).toBeVisible();
	// Review progress travels by itself: no button for a class's review.
	await expect(section.getByRole('button', { name: 'Send my progress' })).toHaveCount(0);
	await section.scrollIntoViewIfNeeded();
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await section.screenshot({ path: `tests/screenshots/class-home-${info.project.name}.png` });
	await page.emulateMedia({ colorScheme: 'dark' });
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await section.screenshot({
			path: `tests/screenshots/class-home-dark-${info.project.name}.png`
		});

	// The quiz needs no code of its own; its time limit shows as a clock.
	await page.emulateMedia({ colorScheme: 'light' });
	await section.getByRole('link', { name: 'SCO check' }).click();
	await expect(page.getByRole('heading', { name: 'Assignment: SCO check' })).toBeVisible();
	await expect(page.getByText(/Time limit: 10 minutes from when you start/)).toBeVisible();
	await page.getByRole('button', { name: 'Start quiz' }).click();
	// The server draws up to 4 that fit together (no two on one sentence).
	await expect(page.getByText(/^Question 1 of [1-4]$/)).toBeVisible();
	await expect(page.getByRole('timer', { name: 'Time left' })).toHaveText(/^(10:00|9:\d\d)$/);
	await expect(
		page.getByRole('status').filter({ hasText: 'Time limit: 10 minutes.' })
	).toBeAttached();
	await expectNoAxeViolations(page);
	await page.emulateMedia({ colorScheme: 'dark' });
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await page.screenshot({
			path: `tests/screenshots/class-quiz-timer-dark-${info.project.name}.png`
		});
});

test.describe(() => {
	// This test needs the service worker (the suite blocks it elsewhere).
	test.use({ serviceWorkers: 'allow' });
	test('joining offline: saved as pending, sent by itself when back online, and the student is told', async ({
		browser,
		request
	}, info) => {
		test.skip(info.project.name !== 'desktop', 'the offline flow runs once');
		const cls = await newClass(request);
		await newAssignment(request, cls, {
			title: 'Energy quiz',
			deckId: 'energy',
			mode: 'quiz',
			questionCount: 3
		});
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto('/');
		await appDatabaseReady(page);
		await waitForServiceWorker(page);

		await context.setOffline(true);
		await page.goto(`/class/${cls.code}`);
		await expect(
			page.getByText('You are offline, so the class cannot be checked now.')
		).toBeVisible();
		await page.getByLabel('Your name').fill('Bo Chen');
		await page.getByRole('button', { name: 'Join the class' }).click();
		await expect(
			page.getByRole('heading', { name: 'Your request to join is saved on this device.' })
		).toBeFocused();
		await expect(page.getByText(/You are offline: Meridian sends it by itself/)).toBeVisible();
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Back to your decks' }).click();
		const section = page.getByRole('region', { name: `Class ${cls.code}` });
		await expect(section.getByText(/Joining: your request is saved/)).toBeVisible();

		await context.setOffline(false);
		await expect(
			page.getByRole('status').filter({ hasText: 'You joined Eurasia 101' })
		).toBeAttached({
			timeout: 20_000
		});
		const joined = page.getByRole('region', { name: 'Eurasia 101' });
		await expect(joined.getByRole('link', { name: 'Energy quiz' })).toBeVisible({
			timeout: 20_000
		});
		// The instructor sees the student (matched by name on the roster).
		const dashboard = await request.get(`/api/classes/${cls.code}/dashboard`, {
			headers: { authorization: `Bearer ${cls.key}` }
		});
		const students = ((await dashboard.json()) as { students: { name: string; status: string }[] })
			.students;
		expect(students.find((s) => s.name === 'Bo Chen')?.status).toBe('matched');
		await context.close();
	});
});

test('a near match on the class list is confirmed before joining', async ({
	page,
	request
}, info) => {
	test.skip(info.project.name !== 'desktop', 'one run is enough');
	const cls = await newClass(request, 'Anna Lee\nBo Chen');
	await join(page, cls.code, 'Ana Lee');
	await expect(
		page.getByRole('heading', { name: /One more step: your instructor’s class list/ })
	).toBeFocused();
	const question = page.getByRole('group', { name: 'Are you Anna Lee on the class list?' });
	await expect(question).toBeVisible();
	await expectNoAxeViolations(page);
	await question.getByLabel('Yes, I am Anna Lee').check();
	await page.getByRole('button', { name: 'Confirm' }).click();
	await expect(page.getByRole('heading', { name: 'You are in Eurasia 101.' })).toBeFocused();
});

test('a shuffled quiz: two students get the same questions in their own orders', async ({
	browser,
	request
}, info) => {
	test.skip(info.project.name !== 'desktop', 'a two-browser flow runs once');
	const cls = await newClass(request);
	const code = await newAssignment(request, cls, {
		title: 'Timeline order',
		deckId: 'all',
		mode: 'quiz',
		questionCount: 12,
		shuffle: true
	});
	const orders: string[][] = [];
	for (const name of ['Ann Lee', 'Bo Chen']) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await join(page, cls.code, name);
		await expect(page.getByRole('heading', { name: 'You are in Eurasia 101.' })).toBeVisible();
		await page.goto('/');
		await page.getByRole('link', { name: 'Timeline order' }).click();
		await page.getByRole('button', { name: 'Start quiz' }).click();
		await expect(page.getByText(/^Question 1 of \d+$/)).toBeVisible();
		orders.push(await attemptOrder(page));
		await context.close();
	}
	const assigned = (await (await request.get(`/api/assignments/${code}`)).json()) as {
		questionIds: string[];
	};
	expect([...orders[0]!].sort()).toEqual([...assigned.questionIds].sort());
	expect([...orders[1]!].sort()).toEqual([...assigned.questionIds].sort());
	expect(orders[0]).not.toEqual(orders[1]);
});

test('review progress reaches the instructor by itself while the student studies', async ({
	page,
	request
}, info) => {
	test.skip(info.project.name !== 'desktop', 'one run is enough');
	const cls = await newClass(request);
	await newAssignment(request, cls, { title: 'Review the SCO', deckId: 'sco', mode: 'review' });
	await join(page, cls.code, 'Ann Lee', 'S-1');
	await expect(page.getByRole('heading', { name: 'You are in Eurasia 101.' })).toBeVisible();
	await page.goto('/');
	await page.getByRole('link', { name: 'Review the SCO' }).click();
	await studyGoodByKeyboard(page, 3);

	const studied = async () => {
		const response = await request.get(`/api/classes/${cls.code}/dashboard`, {
			headers: { authorization: `Bearer ${cls.key}` }
		});
		const board = parseDashboard(await response.json());
		return board.students.find((s) => s.name === 'Ann Lee')?.cells[0]?.cardsStudied ?? 0;
	};
	await expect.poll(studied, { timeout: 20_000 }).toBe(3);
	// Home counts them from the server, and still offers no button.
	await page.goto('/');
	const section = page.getByRole('region', { name: 'Eurasia 101' });
	await expect(section.getByText(/3 of \d+ cards studied/)).toBeVisible();
	await expect(section.getByRole('button', { name: 'Send my progress' })).toHaveCount(0);
});
