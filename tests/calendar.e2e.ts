import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, takeScreenshots } from './helpers';

/** Presses `button` and returns the downloaded file's name and text. */
async function download(page: Page, button: Locator) {
	const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
	return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

/** Checks RFC 5545's framing (CRLF, 75-octet lines) and returns each VEVENT's properties. */
function parseIcs(text: string): Map<string, string>[] {
	expect(text.endsWith('\r\n')).toBe(true);
	expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	for (const line of text.split('\r\n')) {
		expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
	}
	const lines = text
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.filter(Boolean);
	expect(lines[0]).toBe('BEGIN:VCALENDAR');
	expect(lines).toContain('VERSION:2.0');
	expect(lines.at(-1)).toBe('END:VCALENDAR');
	const events: Map<string, string>[] = [];
	let current: Map<string, string> | null = null;
	let depth = 0;
	for (const line of lines) {
		const colon = line.indexOf(':');
		const [name, value] = [line.slice(0, colon), line.slice(colon + 1)];
		if (line === 'BEGIN:VCALENDAR' || line === 'END:VCALENDAR') continue;
		if (line === 'BEGIN:VEVENT') current = new Map();
		else if (line === 'END:VEVENT') {
			events.push(current!);
			current = null;
		} else if (name === 'BEGIN') depth++;
		else if (name === 'END') depth--;
		else if (current && depth === 0) current.set(name, value);
	}
	return events;
}

const unescape = (text: string) => text.replace(/\\([\\;,n])/g, (_, c) => (c === 'n' ? '\n' : c));

test('an exam date is added to the calendar as a whole-day event', async ({ page }) => {
	await page.goto('/decks/energy');
	const date = await page.evaluate(() => {
		const d = new Date(Date.now() + 10 * 86_400_000);
		return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
	});
	await expect(page.getByLabel('Exam date')).toBeEnabled();
	await page.getByLabel('Exam date').fill(date);
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByText('Exam date saved.')).toBeVisible();
	const add = page.getByRole('button', { name: 'Add to calendar: exam for Energy deals' });
	expect((await add.boundingBox())!.height).toBeGreaterThanOrEqual(44);
	const file = await download(page, add);
	expect(file.name).toBe('meridian-exam-energy.ics');
	const [event, more] = parseIcs(file.text);
	expect(more).toBeUndefined();
	expect(event!.get('UID')).toBe('exam-energy@meridian');
	expect(event!.get('DTSTART;VALUE=DATE')).toBe(date.replace(/-/g, ''));
	expect(event!.get('SUMMARY')).toBe('Exam: Energy deals');
	expect(event!.get('DTSTAMP')).toMatch(/^\d{8}T\d{6}Z$/);
	expect(event!.has('RRULE')).toBe(false);
	await expect(
		page.getByRole('status').filter({ hasText: 'meridian-exam-energy.ics' })
	).toBeAttached();
	await expectNoAxeViolations(page);
});

test('the daily study time is a repeating event at a floating local time', async ({
	page
}, info) => {
	await page.goto('/settings');
	const time = page.getByLabel('Study time', { exact: true });
	await expect(time).toBeEnabled();
	await time.fill('18:45');
	const file = await download(
		page,
		page.getByRole('button', { name: 'Add to calendar: daily study time' })
	);
	expect(file.name).toBe('meridian-daily-study.ics');
	const [event] = parseIcs(file.text);
	expect(event!.get('RRULE')).toBe('FREQ=DAILY');
	// Floating: no Z and no TZID, so it stays at 18:45 wherever the student travels.
	expect(event!.get('DTSTART')).toMatch(/^\d{8}T184500$/);
	expect(event!.get('DURATION')).toBe('PT15M');
	expect(unescape(event!.get('DESCRIPTION')!)).toContain('“Positive Sino-Russian Relations”');
	// The time is remembered.
	await page.reload();
	await expect(page.getByLabel('Study time', { exact: true })).toHaveValue('18:45');
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await page.screenshot({
			path: `tests/screenshots/settings-${info.project.name}.png`,
			fullPage: true
		});
});

test("a joined assignment's due time is added to the calendar in UTC", async ({
	page,
	request
}) => {
	const dueAt = new Date(Date.now() + 3 * 86_400_000);
	dueAt.setUTCSeconds(0, 0);
	const created = await request.post('/api/assignments', {
		data: {
			title: 'Energy, reviewed',
			deckId: 'energy',
			mode: 'review',
			questionCount: 1,
			passMark: 0.7,
			dueAt: dueAt.toISOString()
		}
	});
	expect(created.status()).toBe(201);
	const { joinUrl, code } = await created.json();
	await page.goto(joinUrl);
	// The form takes a join once the assignment is read from the server; the page then stores it
	// and goes home by itself (going there at once raced the write: CI saw nothing listed).
	await expect(page.getByRole('heading', { name: 'Energy, reviewed' })).toBeVisible();
	await page.getByLabel('Your name').fill('Ada');
	await page.getByRole('button', { name: 'Join' }).click();
	await expect(page).toHaveURL(/\/$/);
	const file = await download(
		page,
		page.getByRole('button', { name: /^Add to calendar: Energy, reviewed, due / })
	);
	const [event] = parseIcs(file.text);
	expect(event!.get('UID')).toBe(`assignment-${code}@meridian`);
	expect(unescape(event!.get('SUMMARY')!)).toBe('Due: Energy, reviewed');
	// The half hour before the due time, ending at it.
	const start = new Date(dueAt.getTime() - 30 * 60_000)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
	expect(event!.get('DTSTART')).toBe(start);
	expect(event!.get('DURATION')).toBe('PT30M');
	expect(event!.get('URL')).toMatch(/\/study\/energy$/);
});
