import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoAxeViolations, studyGoodByKeyboard, takeScreenshots } from './helpers';
import { waitForServiceWorker } from './pwa';

interface TimelineEvent {
	label: string;
	event: string;
	sentence: string;
	slip?: { id: string; note: string };
	beyond?: true;
}
interface Card {
	id: string;
	prompt: string;
	map?: string;
	beyondEssay?: true;
}

/** Screenshots in the light and the dark theme, to look at. */
async function shoot(page: Page, name: string, project: string) {
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		if (takeScreenshots)
			await page.screenshot({ path: `tests/screenshots/${name}-${project}-${colorScheme}.png` });
	}
	await page.emulateMedia({ colorScheme: null });
}

/** The timeline view: every event in order, dates, corrections and links; axe finds nothing. */
async function expectTimeline(page: Page, events: TimelineEvent[]) {
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Timeline');
	const timeline = page.getByRole('region', { name: 'The essay on one timeline' });
	const items = timeline.getByRole('listitem');
	await expect(items).toHaveCount(events.length);
	await expect(items.first().locator('time')).toHaveText(events[0]!.label);
	await expect(items.last().locator('time')).toHaveText(events.at(-1)!.label);
	const slipped = events.findIndex((e) => e.slip);
	await expect(items.nth(slipped).getByText('Essay error corrected')).toBeVisible();
	await expectNoAxeViolations(page);
	return { timeline, items, slipped };
}

test('the timeline deck shows every dated event in order, corrected, with links into the essay', async ({
	page,
	request
}, info) => {
	const { events } = (await (await request.get('/timeline.json')).json()) as {
		events: TimelineEvent[];
	};
	expect(events.length).toBeGreaterThan(20);
	const khrushchev = events.find((e) => e.event.includes('Khrushchev'));
	expect(khrushchev).toMatchObject({ label: 'September 1953', slip: { id: 'khrushchev-rise' } });

	await page.goto('/decks/timeline');
	const { timeline, items, slipped } = await expectTimeline(page, events);
	await timeline.evaluate((el) => el.scrollIntoView({ block: 'start' }));
	await shoot(page, 'timeline', info.project.name);

	// The correction opens by keyboard and says what the essay gets wrong.
	const summary = items.nth(slipped).locator('summary');
	await summary.focus();
	await page.keyboard.press('Enter');
	await expect(items.nth(slipped).getByText(events[slipped]!.slip!.note)).toBeVisible();
	await expectNoAxeViolations(page);

	// The cards of the deck follow the timeline.
	await expect(page.getByRole('heading', { name: "The deck's cards" })).toBeVisible();
	await expect(page.getByRole('article').first()).toBeVisible();

	// Read in context opens the essay with the event's sentence highlighted and focused.
	const first = events[0]!;
	await timeline.getByRole('link', { name: `Read in context for ${first.label}` }).click();
	await expect(page).toHaveURL(new RegExp(`/essay#s-${first.sentence}$`));
	await expect(page.locator(`#s-${first.sentence}`)).toBeFocused();
});

test.describe(() => {
	// This test needs the service worker (the suite blocks it elsewhere).
	test.use({ serviceWorkers: 'allow' });
	test('the timeline works offline after one visit', async ({ page, context, request }, info) => {
		test.skip(info.project.name !== 'phone', 'the service worker is the same at every size');
		const { events } = await (await request.get('/timeline.json')).json();
		await page.goto('/about');
		await waitForServiceWorker(page);
		await context.setOffline(true);
		await page.goto('/decks/timeline');
		await expectTimeline(page, events);
		await page.reload();
		await expectTimeline(page, events);
		await page.locator('#timeline-heading').evaluate((el) => el.scrollIntoView({ block: 'start' }));
		await shoot(page, 'timeline-offline', info.project.name);
	});
});

/** The deck whose map card comes earliest, so study reaches it after the fewest reviews. */
async function deckWithMapCard(request: APIRequestContext) {
	const index = await (await request.get('/decks/index.json')).json();
	let best: { id: string; at: number; card: Card } | undefined;
	for (const { id } of index.decks as { id: string }[]) {
		const cards: Card[] = (await (await request.get(`/decks/${id}.json`)).json()).cards;
		const at = cards.findIndex((c) => c.map);
		if (at !== -1 && (!best || at < best.at)) best = { id, at, card: cards[at]! };
	}
	expect(best, 'some card has a map').toBeDefined();
	return best!;
}

test('a card with a map shows it with caption and alt text on the deck page and in study', async ({
	page,
	request
}, info) => {
	const { id, at, card } = await deckWithMapCard(request);
	const captions: Record<string, { caption: string; description: string }> = JSON.parse(
		readFileSync('src/lib/map-captions.json', 'utf8')
	);
	const text = captions[card.map!]!;

	await page.goto(`/decks/${id}`);
	const entry = page.locator(`article[aria-labelledby="prompt-${card.id}"]`);
	const map = entry.getByRole('img', { name: text.description });
	await map.scrollIntoViewIfNeeded();
	await expect(map).toHaveAttribute('src', `/maps/${card.map}.svg`);
	await expect(entry.getByRole('figure')).toContainText(text.caption);
	await expect.poll(() => map.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(400);
	await expectNoAxeViolations(page);
	await entry.evaluate((el) => el.scrollIntoView({ block: 'start' }));
	await shoot(page, 'deck-map-card', info.project.name);

	await page.goto(`/study/${id}`);
	await studyGoodByKeyboard(page, at);
	await expect(page.locator('#study-prompt')).toHaveText(card.prompt);
	await page.getByRole('button', { name: 'Show answer' }).click();
	const answer = page.getByRole('region', { name: 'Answer' });
	const studyMap = answer.getByRole('img', { name: text.description });
	await expect(studyMap).toBeVisible();
	await expect(answer.getByRole('figure')).toContainText(text.caption);
	await expect.poll(() => studyMap.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(400);
	await expectNoAxeViolations(page);
	await studyMap.scrollIntoViewIfNeeded();
	await shoot(page, 'study-map-card', info.project.name);
});

test('a card beyond the essay is labelled in words on the deck page', async ({ page, request }) => {
	const cards: Card[] = (await (await request.get('/decks/all.json')).json()).cards;
	const beyond = cards.find((c) => c.beyondEssay);
	const plain = cards.find((c) => !c.beyondEssay);
	expect(beyond && plain).toBeTruthy();
	await page.goto('/decks/all');
	const entry = page.locator(`article[aria-labelledby="prompt-${beyond!.id}"]`);
	await entry.scrollIntoViewIfNeeded();
	await expect(entry.getByText('Beyond the essay', { exact: true })).toBeVisible();
	await expect(entry.getByText('The real record, which the essay leaves out')).toBeVisible();
	await expect(
		page.locator(`article[aria-labelledby="prompt-${plain!.id}"]`).getByText('Beyond the essay')
	).toHaveCount(0);
});
