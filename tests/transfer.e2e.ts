import { expect, test, type Browser, type Page, type Request } from '@playwright/test';
import {
	expectNoAxeViolations,
	putRows,
	readRows,
	studyGoodByKeyboard,
	takeScreenshots
} from './helpers';

// Moving progress between two browsers (two contexts: separate storage, like two phones).

/** Everything the student has, read straight from IndexedDB. */
const dump = (page: Page) =>
	readRows(page, ['cardStates', 'reviewLogs', 'quizAttempts', 'settings', 'cardMarks']);

/** A finished quiz, stored as the quiz page stores it. */
function seedQuizAttempt(page: Page) {
	const now = Date.now();
	return putRows(page, {
		quizAttempts: [
			{
				id: 'moved-attempt',
				deckId: 'history',
				seed: 3,
				cardIds: [],
				feedback: 'end',
				passMark: 0.7,
				startedAt: now - 120_000,
				finishedAt: now - 60_000,
				answers: [],
				percent: 80,
				passed: true,
				retryOf: null
			}
		]
	});
}

/**
 * Card marks as the card browser stores them: a flag, a suspended card with a flag, and a flag
 * cleared since (kept as a tombstone, so the removal moves too).
 */
function seedMarks(page: Page) {
	return page.evaluate(async () => {
		const cards: { id: string }[] = (await (await fetch('/decks/history.json')).json()).cards;
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('meridian');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const tx = db.transaction('cardMarks', 'readwrite');
		const now = Date.now();
		const mark = { suspended: false, buriedUntil: null, flag: null, updatedAt: now };
		const store = tx.objectStore('cardMarks');
		store.put({ ...mark, cardId: cards[5]!.id, flag: 'red' });
		store.put({ ...mark, cardId: cards[6]!.id, suspended: true, flag: 'blue' });
		store.put({ ...mark, cardId: cards[7]!.id, updatedAt: now - 1000 });
		await new Promise((resolve) => (tx.oncomplete = resolve));
		db.close();
	});
}

/** Makes a move link in Settings and returns it. */
async function makeMoveLink(page: Page): Promise<string> {
	await page.goto('/settings');
	await expect(page.getByText(/Storage is/)).toBeVisible();
	await page.getByRole('button', { name: 'Make a move link' }).click();
	const heading = page.getByRole('heading', { name: 'Open this on the other device' });
	await expect(heading).toBeFocused();
	await expect(page.getByRole('img', { name: 'QR code of the move link' })).toBeVisible();
	return page.getByRole('textbox', { name: 'Move link' }).inputValue();
}

/** A fresh browser whose every request is recorded. */
async function otherDevice(browser: Browser) {
	const context = await browser.newContext();
	const requests: Request[] = [];
	context.on('request', (request) => void requests.push(request));
	return { context, page: await context.newPage(), requests };
}

/** Nothing a browser sent contains the key: not a URL, a header or a body. */
async function expectKeyNeverSent(requests: Request[], key: string) {
	for (const request of requests) {
		expect(request.url()).not.toContain(key);
		expect(JSON.stringify(await request.allHeaders())).not.toContain(key);
		expect(request.postDataBuffer()?.toString('latin1') ?? '').not.toContain(key);
	}
}

test('progress moves to a second browser end-to-end encrypted, once', async ({
	page,
	browser
}, info) => {
	// Two browsers, three of them studied or checked with axe: more than the default 30 s on two
	// shared cores.
	test.setTimeout(90_000);
	const sent: Request[] = [];
	page.on('request', (request) => void sent.push(request));
	await page.goto('/settings');
	await page.getByLabel('New cards per day').fill('12');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
	await page.goto('/study/history');
	await studyGoodByKeyboard(page, 3);
	await seedQuizAttempt(page);
	await seedMarks(page);
	const before = await dump(page);
	expect(before.reviewLogs).toHaveLength(3);
	expect(before.cardMarks).toHaveLength(3);
	// The settings moved are the student's own, not the defaults.
	expect(before.settings).toContainEqual({
		key: 'study',
		value: expect.objectContaining({ newPerDay: 12 })
	});

	const link = await makeMoveLink(page);
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await page
			.getByRole('region', { name: 'Move my progress' })
			.screenshot({ path: `tests/screenshots/move-panel-${info.project.name}.png` });
	const url = new URL(link);
	expect(url.pathname).toBe('/move');
	const [id, key] = url.hash.slice(1).split('.') as [string, string];
	expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
	expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
	const upload = sent.find((r) => r.method() === 'POST' && r.url().endsWith('/api/transfers'))!;
	const body = upload.postDataBuffer()!.toString('latin1');
	expect(body.startsWith('MRDT')).toBe(true);
	for (const plain of ['history', 'cardId', 'meridian', 'moved-attempt']) {
		expect(body).not.toContain(plain);
	}

	const other = await otherDevice(browser);
	await other.page.goto(link);
	await expect(other.page.getByRole('button', { name: 'Bring my progress here' })).toBeVisible();
	await expectNoAxeViolations(other.page);
	if (takeScreenshots)
		await other.page.screenshot({
			path: `tests/screenshots/move-receive-${info.project.name}.png`,
			fullPage: true
		});
	// The merge's progress bar comes and goes within the move: watched as the page draws it.
	await other.page.evaluate(() => {
		const seen: { label: string; value: number }[] = [];
		(window as unknown as { moveProgress: typeof seen }).moveProgress = seen;
		new MutationObserver(() => {
			const bar = document.querySelector<HTMLProgressElement>('#move-progress');
			if (bar) seen.push({ label: bar.labels[0]?.textContent ?? '', value: bar.value });
		}).observe(document.body, { subtree: true, childList: true, attributes: true });
	});
	await other.page.getByRole('button', { name: 'Bring my progress here' }).click();
	const done = other.page.getByRole('heading', { name: 'Progress moved' });
	await expect(done).toBeVisible();
	const progress = await other.page.evaluate(
		() => (window as unknown as { moveProgress: { label: string; value: number }[] }).moveProgress
	);
	expect(progress.length).toBeGreaterThan(0);
	expect(progress.every((p) => p.label === 'Merging progress')).toBe(true);
	// It grows to the whole move (the bytes merged, then the log sealed), then leaves.
	expect(progress.at(-1)?.value).toBe(1);
	await expect(other.page.locator('#move-progress')).toHaveCount(0);
	await expect(
		other.page.getByText('3 new reviews, 3 card schedules updated and 1 quiz attempt added')
	).toBeVisible();
	await expect(other.page).toHaveURL(/\/move$/);
	await expectNoAxeViolations(other.page);
	if (takeScreenshots)
		await other.page.screenshot({ path: `tests/screenshots/move-done-${info.project.name}.png` });

	// Reviews, states, attempts, settings and card marks (flags, suspensions, a cleared mark) alike.
	const after = await dump(other.page);
	expect(after).toEqual(before);
	await other.page.goto('/settings');
	await expect(other.page.getByLabel('New cards per day')).toHaveValue('12');
	await expectKeyNeverSent([...sent, ...other.requests], key);

	// The link works once: the server deleted the ciphertext when it was fetched.
	const third = await otherDevice(browser);
	await third.page.goto(link);
	await third.page.getByRole('button', { name: 'Bring my progress here' }).click();
	await expect(third.page.getByRole('alert')).toContainText('This move link was already used');
	await expect(third.page.getByRole('alert')).toBeFocused();
	await expectNoAxeViolations(third.page);
	expect(await dump(third.page)).toMatchObject({ reviewLogs: [], quizAttempts: [] });
	await Promise.all([other.context.close(), third.context.close()]);
});

test('a link with a wrong key is refused and the transfer waits for the right one', async ({
	page,
	browser
}, info) => {
	await page.goto('/study/energy');
	await studyGoodByKeyboard(page, 1);
	const link = await makeMoveLink(page);
	const [id, key] = new URL(link).hash.slice(1).split('.') as [string, string];
	const wrongKey = (key[0] === 'A' ? 'B' : 'A') + key.slice(1);

	const other = await otherDevice(browser);
	await other.page.emulateMedia({ colorScheme: 'dark' });
	await other.page.goto(`/move#${id}.${wrongKey}`);
	await other.page.getByRole('button', { name: 'Bring my progress here' }).click();
	const alert = other.page.getByRole('alert');
	await expect(alert).toContainText('The key in this link does not match');
	await expect(alert).toContainText('The transfer is still waiting');
	await expectNoAxeViolations(other.page);
	if (takeScreenshots)
		await other.page.screenshot({
			path: `tests/screenshots/move-refused-${info.project.name}.png`
		});

	await other.page.goto(`/move#${id}.${key.slice(0, 20)}`);
	await expect(other.page.getByRole('alert')).toContainText('incomplete or damaged');

	await other.page.goto(link);
	await other.page.getByRole('button', { name: 'Bring my progress here' }).click();
	await expect(
		other.page.getByText('1 new review, 1 card schedule updated and 0 quiz attempts added')
	).toBeVisible();

	// A link its maker cancelled is gone from the server.
	const cancelled = await makeMoveLink(page);
	await page.getByRole('button', { name: 'Cancel link' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'the server has deleted the encrypted copy' })
	).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Move my progress' })).toBeFocused();
	await other.page.goto(cancelled);
	await other.page.getByRole('button', { name: 'Bring my progress here' }).click();
	await expect(other.page.getByRole('alert')).toContainText('No such move link: it was cancelled');
	await other.context.close();
});

test('a reminder to keep a copy shows until one is made', async ({ page }, info) => {
	await page.goto('/study/history');
	await studyGoodByKeyboard(page, 1);
	const persisted = await page.evaluate(() => navigator.storage.persisted());
	test.skip(persisted, 'this browser made storage persistent: no reminder is due');
	await page.goto('/');
	const reminder = page.getByRole('complementary', { name: /only on this device/ });
	await expect(reminder).toBeVisible();
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await page.screenshot({ path: `tests/screenshots/move-reminder-${info.project.name}.png` });
	await reminder.getByRole('link', { name: 'Back up or move' }).click();
	await expect(page).toHaveURL(/\/settings#move-heading$/);
	await makeMoveLink(page);
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(reminder).toHaveCount(0);

	await page.goto('/study/history');
	await studyGoodByKeyboard(page, 1);
	await page.goto('/');
	await expect(reminder).toBeVisible();
	await reminder.getByRole('button', { name: 'Not now' }).click();
	await expect(reminder).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(reminder).toHaveCount(0);
});
