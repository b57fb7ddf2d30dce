// Device transfer benchmark in headless Chromium against the production build:
//   npm run build && npx tsx tests/benchmarks/transfer.bench.ts
// Seeds a history of LOGS review logs (default 5,000, 20,000 and 50,000) with random ids and
// floats as the scheduler writes them (so compression is not flattered by repeated values), then
// times Settings' "Make a move link" (export, gzip, encrypt, upload) and the other browser's
// "Bring my progress here" (fetch, decrypt, validate, merge), and reports the ciphertext's size.
// Figures go into docs/benchmarks.md.
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import { serveBuild } from './harness';

const PORT = 4392;
const BASE = `http://localhost:${PORT}`;
const SIZES = (process.env.LOGS ?? '5000,20000,50000').split(',').map(Number);

const server = serveBuild(BASE, PORT, { env: { BODY_SIZE_LIMIT: '11M' } });

async function seed(page: Page, logCount: number) {
	await page.evaluate(async (count) => {
		const all = await (await fetch('/decks/all.json')).json();
		const ids: string[] = all.cards.map((c: { id: string }) => c.id);
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const r = indexedDB.open('meridian');
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(r.error);
		});
		const now = Date.now();
		const DAY = 86_400_000;
		const state = (cardId: string, t: number) => ({
			cardId,
			due: t + Math.round(Math.random() * 30 * DAY),
			stability: Math.random() * 60,
			difficulty: 1 + Math.random() * 9,
			elapsedDays: Math.floor(Math.random() * 20),
			scheduledDays: Math.floor(Math.random() * 30),
			learningSteps: 0,
			reps: Math.floor(Math.random() * 40),
			lapses: Math.floor(Math.random() * 4),
			state: 2,
			lastReview: t,
			lastLogId: crypto.randomUUID()
		});
		const tx = db.transaction(['cardStates', 'reviewLogs'], 'readwrite');
		for (const cardId of ids) tx.objectStore('cardStates').put(state(cardId, now - DAY));
		for (let n = 0; n < count; n++) {
			const t = now - Math.floor(Math.random() * 365 * DAY);
			const before = state(ids[n % ids.length]!, t - 5 * DAY);
			tx.objectStore('reviewLogs').put({
				id: crypto.randomUUID(),
				cardId: before.cardId,
				rating: 1 + (n % 4),
				reviewedAt: t,
				source: 'study',
				previous: before,
				state: 2,
				due: t + Math.round(Math.random() * 30 * DAY),
				stability: Math.random() * 60,
				difficulty: 1 + Math.random() * 9,
				scheduledDays: Math.floor(Math.random() * 30),
				elapsedDays: Math.floor(Math.random() * 20),
				durationMs: 1000 + Math.floor(Math.random() * 9000)
			});
		}
		await new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, logCount);
}

try {
	await server.ready;
	const browser = await chromium.launch(chromiumLaunchOptions);
	for (const logs of SIZES) {
		const sender = await browser.newContext({ viewport: { width: 360, height: 740 } });
		await sender.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
		const page = await sender.newPage();
		await page.goto(`${BASE}/settings`);
		await page.getByText(/Storage is/).waitFor();
		await seed(page, logs);
		let uploaded = 0;
		page.on('request', (r) => {
			if (r.method() === 'POST') uploaded = r.postDataBuffer()?.length ?? 0;
		});
		const sendStart = Date.now();
		await page.getByRole('button', { name: 'Make a move link' }).click();
		await page
			.getByRole('heading', { name: 'Open this on the other device' })
			.waitFor({ timeout: 120_000 });
		const sendMs = Date.now() - sendStart;
		const link = await page.getByRole('textbox', { name: 'Move link' }).inputValue();

		const receiver = await browser.newContext({ viewport: { width: 360, height: 740 } });
		const other = await receiver.newPage();
		await other.goto(link);
		const receiveStart = Date.now();
		await other.getByRole('button', { name: 'Bring my progress here' }).click();
		await other.getByRole('heading', { name: 'Progress moved' }).waitFor({ timeout: 120_000 });
		const receiveMs = Date.now() - receiveStart;
		console.log(
			`${logs.toLocaleString('en-GB')} logs: ciphertext ${(uploaded / 1024).toFixed(0)} KB, make link ${sendMs} ms, receive and merge ${receiveMs} ms`
		);
		await Promise.all([sender.close(), receiver.close()]);
	}
	await browser.close();
} finally {
	server.stop();
}
