import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { appDatabaseReady, expectNoAxeViolations, takeScreenshots } from './helpers';

interface DeckCard {
	id: string;
	type: string;
	options?: string[];
	statementIsTrue?: boolean;
	answer: string;
	blanks?: { answer: string }[];
	value?: number;
	events?: string[];
}

/** A response to a card as the quiz would send it: right, or (for a choice) a wrong option. */
function responseTo(card: DeckCard, right: boolean) {
	switch (card.type) {
		case 'mcq':
			return { kind: 'choice', option: card.options![right ? 0 : 1] };
		case 'truefalse':
			return { kind: 'truefalse', value: right ? card.statementIsTrue : !card.statementIsTrue };
		case 'cloze':
			return { kind: 'blanks', texts: card.blanks!.map((b) => (right ? b.answer : 'no idea')) };
		case 'numeric':
			return { kind: 'number', text: right ? String(card.value) : '123456' };
		case 'ordering':
			return { kind: 'order', events: right ? card.events : [...card.events!].reverse() };
		default:
			return { kind: 'text', text: right ? card.answer : 'no idea' };
	}
}

/** The student id a device joined a class with, read from its IndexedDB. */
async function memberId(page: Page, code: string): Promise<string> {
	await appDatabaseReady(page);
	return page.evaluate(
		(code) =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('meridian');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result
						.transaction('classes')
						.objectStore('classes')
						.get(['student', code]);
					get.onsuccess = () => resolve(get.result.studentId);
					get.onerror = () => reject(get.error);
				};
			}),
		code
	);
}

/** Submits a quiz attempt for a student, as their device's outbox would. */
async function submit(
	request: APIRequestContext,
	assignment: { code: string; questionIds: string[] },
	studentId: string,
	name: string,
	cards: DeckCard[],
	wrong: number
) {
	const byId = new Map(cards.map((c) => [c.id, c]));
	const now = Date.now();
	const response = await request.post(`/api/assignments/${assignment.code}/submissions`, {
		data: {
			id: `attempt-${studentId}`,
			studentId,
			name,
			answers: assignment.questionIds.map((cardId, i) => ({
				cardId,
				response: responseTo(byId.get(cardId)!, i >= wrong)
			})),
			startedAt: now - 120_000,
			finishedAt: now
		}
	});
	expect(response.status(), await response.text()).toBe(201);
	return (await response.json()) as { score: number };
}

/** Reads an RFC 4180 CSV (quoted cells, CRLF lines) into rows of cells. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (cell !== '' || row.length > 0) rows.push([...row, cell]);
	return rows;
}

test('an instructor runs a class from creation to the gradebook, with two students, one offline', async ({
	browser,
	request
}, info) => {
	test.skip(info.project.name !== 'desktop', 'one run is enough for a three-browser flow');
	test.setTimeout(240_000);
	const deck = (await (await request.get('/decks/risk-benefit.json')).json()) as {
		cards: DeckCard[];
	};

	// The instructor creates the class; a roster line with a number used twice is refused by line.
	const teacherContext = await browser.newContext();
	const teacher = await teacherContext.newPage();
	await teacher.goto('/teach');
	await teacher.getByRole('link', { name: 'New class' }).click();
	await teacher.getByLabel('Class name').fill('Eurasia 101 <b>spring</b>');
	const rosterBox = teacher.getByLabel(/^Roster/);
	await rosterBox.fill('Ann Lee, 1001\nBo Chen, 1002\n\nCy Diaz, 1001');
	await teacher.getByRole('button', { name: 'Create class' }).click();
	await expect(teacher.getByRole('alert')).toContainText('line 4');
	await expect(teacher.locator('#roster-problem')).toContainText('Line 4: Cy Diaz, 1001');
	await expect(rosterBox).toBeFocused();
	await rosterBox.fill('Ann Lee, 1001\nBo Chen, 1002\n\nCy Diaz, 1003');
	await teacher.getByRole('button', { name: 'Create class' }).click();
	await expect(
		teacher.getByRole('heading', { name: 'Class created: Eurasia 101 <b>spring</b>' })
	).toBeFocused();
	const code = (await teacher.locator('strong.code').textContent())!.trim();
	expect(code).toMatch(/^[2-9A-HJ-NP-Z]{7}$/);
	await expect(teacher.getByRole('img', { name: /QR code for joining/ })).toBeVisible();

	// The projector view: large, on white, left with Escape, focus back on its button.
	const project = teacher.getByRole('button', { name: 'Show full screen for projecting' });
	await project.click();
	const projector = teacher.getByRole('dialog', { name: `${code}, full screen` });
	await expect(projector).toBeVisible();
	await expect(projector.getByText(code, { exact: true })).toBeVisible();
	await teacher.keyboard.press('Escape');
	await expect(projector).toBeHidden();
	await expect(project).toBeFocused();
	await expectNoAxeViolations(teacher);

	await teacher.getByRole('link', { name: 'Open the class dashboard' }).click();
	await expect(teacher.getByRole('heading', { level: 1 })).toHaveText('Eurasia 101 <b>spring</b>');
	await expect(teacher.locator('table.grid tbody tr')).toHaveCount(3);
	await expect(teacher.locator('table.grid tbody tr').first()).toContainText('not joined');

	// A quiz inside the class, through the shared assignment form with the class fields.
	await teacher.getByRole('link', { name: 'New assignment' }).click();
	await teacher.getByLabel('Title').fill('Risks quiz');
	await teacher.getByLabel('Deck').selectOption('risk-benefit');
	await teacher.getByLabel('Questions', { exact: true }).fill('3');
	await teacher.getByLabel(/^Time limit in minutes/).fill('20');
	await teacher.getByRole('checkbox', { name: /Shuffle/ }).check();
	await teacher.getByRole('button', { name: 'Create assignment' }).click();
	await expect(teacher.getByRole('heading', { level: 1 })).toHaveText('Risks quiz');
	await expect(teacher.getByText('Assignment created: every student')).toBeVisible();
	const assignmentCode = (await teacher.locator('p.muted').first().textContent())!.match(
		/Code (\w{7})/
	)![1]!;
	const view = (await (await request.get(`/api/assignments/${assignmentCode}`)).json()) as {
		code: string;
		questionIds: string[];
		timeLimitMinutes: number;
		shuffle: boolean;
	};
	expect(view).toMatchObject({ timeLimitMinutes: 20, shuffle: true });
	await expect(
		teacher.getByRole('link', { name: 'Results: per question and per student' })
	).toBeVisible();

	// Ann joins online with her student number: matched to her roster entry.
	const annContext = await browser.newContext();
	const ann = await annContext.newPage();
	await ann.goto(`/class/${code}`);
	await ann.getByLabel('Your name, as your instructor will see it').fill('Ann Lee');
	await ann.getByLabel('Student number (optional)').fill('1001');
	await ann.getByRole('button', { name: 'Join the class' }).click();
	await expect(ann.getByRole('heading', { name: /You are in Eurasia 101/ })).toBeVisible();
	const annId = await memberId(ann, code);
	const annResult = await submit(request, view, annId, 'Ann Lee', deck.cards, 1);

	// Dee joins offline, not on the roster: saved, sent when back online, then pending.
	const deeContext = await browser.newContext();
	const dee = await deeContext.newPage();
	await dee.goto(`/class/${code}`);
	await expect(dee.getByLabel('Your name, as your instructor will see it')).toBeVisible();
	await deeContext.setOffline(true);
	await dee.getByLabel('Your name, as your instructor will see it').fill('Dee Evans');
	await dee.getByRole('button', { name: 'Join the class' }).click();
	await expect(
		dee.getByRole('heading', { name: 'Your request to join is saved on this device.' })
	).toBeVisible();
	await deeContext.setOffline(false);
	await expect(dee.getByRole('heading', { name: /You are in Eurasia 101/ })).toBeVisible({
		timeout: 30_000
	});

	// The dashboard refreshes by itself: Dee appears as waiting, Ann's score in the grid.
	await teacher.getByRole('link', { name: 'Dashboard' }).click();
	await expect(teacher.getByRole('heading', { name: /Waiting for you: 1 joined/ })).toBeVisible({
		timeout: 30_000
	});
	await teacher.getByRole('button', { name: 'Accept without a roster entry' }).click();
	await expect(teacher.getByText('Dee Evans is accepted into the class')).toBeFocused();
	const annRow = teacher.locator('table.grid tbody tr', { hasText: 'Ann Lee' });
	await expect(annRow).toContainText(`${annResult.score} %`);
	await expect(teacher.locator('table.grid tbody tr', { hasText: 'Dee Evans' })).toContainText(
		'not yet due'
	);

	// Sorting by the quiz's column, by keyboard: best first, announced, aria-sort set.
	const header = teacher.getByRole('columnheader', { name: /Risks quiz/ });
	await header.getByRole('button').focus();
	await teacher.keyboard.press('Enter');
	await expect(header).toHaveAttribute('aria-sort', 'descending');
	await expect(teacher.locator('table.grid tbody tr').first()).toContainText('Ann Lee');
	await expect(teacher.getByText('Sorted by Risks quiz, descending.')).toBeAttached();
	await expectNoAxeViolations(teacher);

	// Ann's page: every answer of her attempt.
	await annRow.getByRole('link', { name: 'Ann Lee' }).click();
	await expect(teacher.getByRole('heading', { level: 1 })).toHaveText('Ann Lee');
	await expect(teacher.locator('.attempt tbody tr')).toHaveCount(3);
	await expect(teacher.locator('.attempt')).toContainText('wrong');
	await expectNoAxeViolations(teacher);

	// The assignment: extend for Dee, edit, close and reopen, each confirmed and announced.
	await teacher.getByRole('link', { name: 'Dashboard' }).click();
	await teacher.getByRole('link', { name: 'Risks quiz' }).first().click();
	await teacher.getByRole('checkbox', { name: /Dee Evans/ }).check();
	await teacher.getByRole('button', { name: 'Extend for Dee Evans' }).click();
	await expect(teacher.getByText(/^Extended for Dee Evans: due/)).toBeFocused();
	await teacher.getByLabel('Title').fill('Risks quiz, week 2');
	await teacher.getByRole('button', { name: 'Save changes' }).click();
	await expect(teacher.getByText('Saved: title.')).toBeVisible();
	await teacher.getByRole('button', { name: 'Close the assignment…' }).click();
	await expect(teacher.getByRole('button', { name: 'Yes, close it' })).toBeFocused();
	await teacher.getByRole('button', { name: 'Yes, close it' }).click();
	await expect(
		teacher.getByText('Closed: no more submissions are taken. Reopen it at any time.')
	).toBeFocused();
	const refused = await request.post(`/api/assignments/${assignmentCode}/submissions`, {
		data: {
			id: `late-${annId}`,
			studentId: annId,
			name: 'Ann Lee',
			answers: [],
			startedAt: Date.now() - 1000,
			finishedAt: Date.now()
		}
	});
	expect(refused.status()).toBe(409);
	await teacher.getByRole('button', { name: 'Reopen the assignment…' }).click();
	await teacher.getByRole('button', { name: 'Yes, reopen it' }).click();
	await expect(teacher.getByText('Reopened: students can submit again.')).toBeFocused();
	await expectNoAxeViolations(teacher);

	// The class knowledge map: the weakest sentences and a review of their cards.
	await teacher.getByRole('link', { name: 'Knowledge map' }).click();
	await expect(teacher.getByRole('heading', { name: /weakest sentences/ })).toBeVisible();
	await expect(teacher.locator('.cited[data-band]').first()).toBeAttached();
	await expect(teacher.locator('.cited[data-band="forgotten"]').first()).toBeAttached();
	await teacher.getByRole('button', { name: 'Assign a review of these' }).click();
	await teacher.getByRole('button', { name: 'Create the review' }).click();
	await expect(teacher.getByText(/^Review assignment created: \d+ cards/)).toBeVisible();
	await expectNoAxeViolations(teacher);

	// Another device: the link's key lives in the fragment, never in a request.
	await teacher.getByRole('link', { name: 'Share and devices' }).click();
	await teacher.getByRole('button', { name: 'Show the link and its QR code' }).click();
	const deviceUrl = (await teacher.locator('a.url').last().textContent())!.trim();
	const key = new URL(deviceUrl).hash.replace('#key=', '');
	expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
	const otherContext = await browser.newContext();
	const requests: string[] = [];
	otherContext.on('request', (r) => requests.push(r.url()));
	const other = await otherContext.newPage();
	await other.goto(deviceUrl);
	await expect(other.getByText(/is now saved on this device/)).toBeVisible();
	expect(new URL(other.url()).hash).toBe('');
	await other.goto('/teach');
	await expect(other.getByRole('link', { name: 'Eurasia 101 <b>spring</b>' })).toBeVisible();
	expect(requests.filter((url) => url.includes(key))).toEqual([]);

	// Replacing the key: confirmed, the old one stops working, this device keeps the new one.
	await teacher.getByRole('button', { name: 'Replace the key…' }).click();
	await teacher.getByRole('button', { name: 'Yes, replace the key' }).click();
	await expect(teacher.getByText(/^The key was replaced/)).toBeFocused();
	await other.getByRole('link', { name: 'Eurasia 101 <b>spring</b>' }).click();
	await expect(other.getByRole('alert')).toContainText('no longer opens this class');
	await teacher.reload();
	await expect(teacher.getByRole('heading', { name: 'Share and devices' })).toBeVisible();

	// The gradebook: one row per student, the student number, the score that counts.
	await teacher.getByRole('link', { name: 'Dashboard' }).click();
	const [download] = await Promise.all([
		teacher.waitForEvent('download'),
		teacher.getByRole('button', { name: 'Download gradebook (CSV)' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`meridian-class-${code}-gradebook.csv`);
	const rows = parseCsv(await readFile((await download.path())!, 'utf8'));
	expect(rows[0]!.slice(0, 2)).toEqual(['Student', 'SIS User ID']);
	expect(rows[0]).toContain(`Risks quiz, week 2 (${assignmentCode})`);
	const column = rows[0]!.indexOf(`Risks quiz, week 2 (${assignmentCode})`);
	const annLine = rows.find((r) => r[0] === 'Ann Lee')!;
	expect(annLine[1]).toBe('1001');
	expect(Number(annLine[column])).toBe(annResult.score);
	expect(rows.find((r) => r[0] === 'Dee Evans')?.[column]).toBe('');
	expect(rows.find((r) => r[0] === 'Bo Chen')?.[1]).toBe('1002');

	for (const c of [annContext, deeContext, otherContext, teacherContext]) await c.close();
});

/** A class with a roster, a quiz, a review, one student matched and one pending, made by API. */
async function seedClass(request: APIRequestContext) {
	const created = await request.post('/api/classes', {
		data: { name: 'Seminar B', roster: 'Ann Lee, 1001\nBo Chen, 1002\nCy Diaz' }
	});
	expect(created.status()).toBe(201);
	const { code, key } = (await created.json()) as { code: string; key: string };
	const due = new Date(Date.now() + 86_400_000).toISOString();
	const auth = { authorization: `Bearer ${key}` };
	const quiz = await request.post('/api/assignments', {
		headers: auth,
		data: {
			title: 'Risks check',
			deckId: 'risk-benefit',
			mode: 'quiz',
			questionCount: 4,
			passMark: 0.7,
			dueAt: due,
			classCode: code,
			timeLimitMinutes: 15
		}
	});
	expect(quiz.status()).toBe(201);
	const review = await request.post('/api/assignments', {
		headers: auth,
		data: { title: 'Energy review', deckId: 'energy', mode: 'review', dueAt: due, classCode: code }
	});
	expect(review.status()).toBe(201);
	const quizCode = ((await quiz.json()) as { code: string }).code;
	for (const [studentId, name, studentNumber] of [
		['student-ann-0001', 'Ann Lee', '1001'],
		['student-dee-0002', 'Dee Evans', '']
	]) {
		const joined = await request.post(`/api/classes/${code}/members`, {
			data: { studentId, name, studentNumber }
		});
		expect(joined.status()).toBe(201);
	}
	const deck = (await (await request.get('/decks/risk-benefit.json')).json()) as {
		cards: DeckCard[];
	};
	const view = (await (await request.get(`/api/assignments/${quizCode}`)).json()) as {
		code: string;
		questionIds: string[];
	};
	await submit(request, view, 'student-ann-0001', 'Ann Lee', deck.cards, 1);
	return { code, key, quizCode };
}

test('every class page is axe-clean and readable, light and dark', async ({
	page,
	request
}, info) => {
	test.setTimeout(420_000);
	const { code, key, quizCode } = await seedClass(request);
	await page.goto(`/teach/class/${code}#key=${key}`);
	await expect(page.getByText(/is now saved on this device/)).toBeVisible({ timeout: 30_000 });
	const pages: [string, string, RegExp | string][] = [
		['teach', '/teach', 'My classes'],
		['new-class', '/teach/class/new', 'New class'],
		['dashboard', `/teach/class/${code}`, 'Students'],
		['share', `/teach/class/${code}/share`, 'Open on another device'],
		['roster', `/teach/class/${code}/roster`, 'Add students'],
		['map', `/teach/class/${code}/map`, /weakest sentences/],
		['assignment', `/teach/class/${code}/assignments/${quizCode}`, 'Preview: what students see'],
		['new-assignment', `/teach/class/${code}/assignments/new`, /^New assignment in/],
		['student', `/teach/class/${code}/students/student-ann-0001`, 'Attempts']
	];
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		for (const [name, path, heading] of pages) {
			await page.goto(path);
			await expect(page.getByRole('heading', { name: heading }).first()).toBeVisible();
			if (name === 'dashboard') {
				await expect(page.locator('table.grid tbody tr')).toHaveCount(4);
				// The grid says that it scrolls; at 360 px it does, its first column in place.
				await expect(page.getByText('The grid scrolls sideways')).toBeVisible();
				const scroll = page.locator('.scroll').first();
				const overflows = await scroll.evaluate((el) => el.scrollWidth > el.clientWidth);
				expect(overflows).toBe(info.project.name === 'phone');
				await expect(
					page.getByRole('heading', { name: /Waiting for you: 1 joined/ })
				).toBeVisible();
			}
			if (name === 'map') await expect(page.locator('.cited[data-band]').first()).toBeAttached();
			if (name === 'student') await expect(page.locator('.attempt tbody tr')).toHaveCount(4);
			await expectNoAxeViolations(page);
			if (takeScreenshots)
				await page.screenshot({
					path: `test-results/screens/${info.project.name}-${scheme}-${name}.png`,
					fullPage: name !== 'map'
				});
		}
	}
	// The grid's first column stays in place while it scrolls.
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto(`/teach/class/${code}`);
	const first = page.locator('table.grid tbody th').first();
	await expect(first).toBeVisible();
	const before = (await first.boundingBox())!.x;
	await page
		.locator('.scroll')
		.first()
		.evaluate((el) => el.scrollBy(400, 0));
	expect((await first.boundingBox())!.x).toBe(before);
});

test("the class key opens each assignment's results page, on a device that never set it", async ({
	page
}, info) => {
	test.setTimeout(120_000);
	// Seeded through the API: this browser has the class key only, no assignment's own key.
	const { code, key, quizCode } = await seedClass(page.request);
	const requests: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	await page.goto(`/teach/class/${code}#key=${key}`);
	await expect(page.getByText(/is now saved on this device/)).toBeVisible({ timeout: 30_000 });
	const results = page.getByRole('link', { name: 'Results of Risks check' });
	await results.click();
	await expect(page).toHaveURL(new RegExp(`/teach/${quizCode}#key=`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Risks check');
	await expect(page.getByRole('cell', { name: 'Ann Lee' }).first()).toBeVisible();
	await expect(page.getByRole('button', { name: 'Download CSV' })).toBeVisible();
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await page.screenshot({
			path: `test-results/screens/${info.project.name}-class-key-results.png`,
			fullPage: true
		});
	// The assignment's page links there too; the key never travels in a request's address.
	await page.goto(`/teach/class/${code}/assignments/${quizCode}`);
	await page.getByRole('link', { name: 'Results: per question and per student' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Risks check');
	expect(requests.filter((url) => url.includes(key))).toEqual([]);
});
