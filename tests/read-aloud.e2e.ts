import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, takeScreenshots } from './helpers';

interface Spoken {
	text: string;
	rate: number;
	voice: string | null;
}

/**
 * Replaces the browser's speech synthesis with a recorder before any script runs: two voices,
 * one on the device and one over the network; every utterance is kept in window.__spoken.
 */
async function stubSpeech(page: Page) {
	await page.addInitScript(() => {
		const spoken: unknown[] = [];
		(window as unknown as { __spoken: unknown[] }).__spoken = spoken;
		const voices = [
			{
				voiceURI: 'urn:net-en',
				name: 'Net English',
				lang: 'en-US',
				localService: false,
				default: true
			},
			{
				voiceURI: 'urn:local-en',
				name: 'Local English',
				lang: 'en-GB',
				localService: true,
				default: false
			},
			{
				voiceURI: 'urn:local-fr',
				name: 'Local French',
				lang: 'fr-FR',
				localService: true,
				default: false
			}
		];
		class Utterance extends EventTarget {
			rate = 1;
			lang = '';
			voice: { name: string } | null = null;
			constructor(public text: string) {
				super();
			}
		}
		let current: Utterance | null = null;
		const synth = Object.assign(new EventTarget(), {
			getVoices: () => voices,
			speak(u: Utterance) {
				spoken.push({ text: u.text, rate: u.rate, voice: u.voice?.name ?? null });
				current = u;
			},
			cancel() {
				const u = current;
				current = null;
				u?.dispatchEvent(new Event('end'));
			},
			/** For the test: the voice reaches the end of what it was reading. */
			finish() {
				synth.cancel();
			}
		});
		Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
		Object.defineProperty(window, 'SpeechSynthesisUtterance', {
			value: Utterance,
			configurable: true
		});
	});
}

const spoken = (page: Page) =>
	page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);

interface Card {
	id: string;
	prompt: string;
	answer: string;
	explanation: string;
	source: { quote: string };
}

test('study: the question, the answer and the quote are read aloud, in the local voice', async ({
	page,
	request
}, info) => {
	const deck: { cards: Card[] } = await (await request.get('/decks/history.json')).json();
	await stubSpeech(page);
	await page.goto('/study/history');
	const read = page.getByRole('button', { name: 'Read aloud: the question' });
	await expect(read).toBeVisible();
	expect((await read.boundingBox())!.height).toBeGreaterThanOrEqual(44);
	const prompt = (await page.locator('#study-prompt').textContent())!.trim();
	const card = deck.cards.find((c) => c.prompt === prompt)!;
	await read.click();
	await expect(page.getByRole('button', { name: 'Stop reading: the question' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	let said = await spoken(page);
	expect(said).toHaveLength(1);
	expect(said[0]!.text).toContain(prompt.replace('[...]', 'blank').slice(0, 40));
	// No voice chosen: the English voice on the device, which works offline.
	expect(said[0]).toMatchObject({ voice: 'Local English', rate: 1 });
	// Pressing again stops it.
	await page.getByRole('button', { name: 'Stop reading: the question' }).click();
	await expect(read).toHaveAttribute('aria-pressed', 'false');

	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: 'Read aloud: the answer' }).click();
	await page.getByRole('button', { name: 'Read aloud: the quote' }).click();
	said = await spoken(page);
	expect(said).toHaveLength(3);
	expect(said[1]!.text).toContain(card.explanation.slice(0, 40));
	expect(said[2]!.text).toBe(card.source.quote);
	// The quote took over from the answer: only one thing is read at a time.
	await expect(page.getByRole('button', { name: 'Read aloud: the answer' })).toBeVisible();
	await page.evaluate(() => (window.speechSynthesis as unknown as { finish: () => void }).finish());
	await expect(page.getByRole('button', { name: 'Read aloud: the quote' })).toHaveAttribute(
		'aria-pressed',
		'false'
	);
	await expectNoAxeViolations(page);
	if (takeScreenshots)
		await page.screenshot({ path: `tests/screenshots/read-aloud-study-${info.project.name}.png` });
});

test('settings choose the voice and speed; the essay reads a paragraph with them', async ({
	page,
	request
}) => {
	const essay = await (await request.get('/essay.json')).json();
	await stubSpeech(page);
	await page.goto('/settings');
	const voice = page.getByLabel('Voice');
	await expect(voice.locator('option')).toHaveText([
		'Automatic (an English voice on this device)',
		'Local English (en-GB, on this device)',
		'Net English (en-US, needs the network)',
		'Local French (fr-FR, on this device)'
	]);
	await voice.selectOption({ label: 'Net English (en-US, needs the network)' });
	await page.getByLabel('Speed').selectOption('1.5');
	await page.getByRole('button', { name: 'Save read aloud' }).click();
	await expect(page.getByText('Read-aloud settings saved.')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.goto('/essay');
	const first = essay.sections[0].paragraphs[0];
	await page.getByRole('button', { name: 'Read aloud: this paragraph' }).first().click();
	const said = await spoken(page);
	expect(said).toEqual([
		{
			text: first.sentences.map((s: { text: string }) => s.text).join(' '),
			rate: 1.5,
			voice: 'Net English'
		}
	]);
	await page.goto('/settings');
	await expect(page.getByLabel('Voice')).toHaveValue('urn:net-en');
	await expect(page.getByLabel('Speed')).toHaveValue('1.5');
});

test('where the browser cannot speak, no Read aloud button is shown', async ({ page }) => {
	await page.addInitScript(() => {
		Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
	});
	await page.goto('/study/history');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.getByRole('button', { name: /^Read aloud/ })).toHaveCount(0);
	await page.goto('/settings');
	await expect(page.getByText('This browser has no voices to read aloud with')).toBeVisible();
});
