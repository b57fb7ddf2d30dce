// Knowledge map benchmark in headless Chromium against the production build:
//   npx tsx tests/benchmarks/knowledge.bench.ts
// 1. In Node: the pure map (recall of every cited sentence and every section) for the whole essay.
// 2. In the browser, with 10,000 card states stored (the deck's real cards and synthetic ones):
//    the reader's `meridian:knowledge-map` measure (read the states and settings from IndexedDB,
//    compute the map) and home's strip (the same measure, sections only). Figures go into
//    docs/benchmarks.md.
import { chromium, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { knowledgeBySection, knowledgeBySentence } from '../../src/lib/essay/knowledge';
import { citationsBySentence } from '../../src/lib/essay/locate';
import { State, type CardState } from '../../src/lib/srs/states';
import { chromiumLaunchOptions } from '../chromium';
import { historyRows, percentile, serveBuild } from './harness';
import { lastMeasure } from './measures';

const PORT = Number(process.env.BENCH_PORT ?? 4392);
const BASE = `http://localhost:${PORT}`;
const RUNS = Number(process.env.RUNS ?? 15);
const DAY = 86_400_000;

const server = serveBuild(BASE, PORT);

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const summary = (v: number[]) =>
	`median ${fmt(percentile(v, 50))}, p95 ${fmt(percentile(v, 95))}, max ${fmt(Math.max(...v))}`;

/**
 * 10,000 reviewed states: the benchmarks' one synthetic history (every real card first, then
 * synthetic ids), all in review, last reviewed over the past 90 days for a spread of recall.
 */
function seedStates(cardIds: string[], now: number): CardState[] {
	return historyRows(cardIds, [], 10_000, 0, now).states.map((state, i) => ({
		...(state as unknown as CardState),
		state: State.Review,
		lastReview: now - (i % 90) * DAY
	}));
}

const deck = JSON.parse(readFileSync('build/prerendered/decks/all.json', 'utf8'));
const ids: string[] = deck.cards.map((c: { id: string }) => c.id);

function pureMap() {
	const essay = JSON.parse(readFileSync('build/prerendered/essay.json', 'utf8'));
	const now = Date.now();
	const states = new Map(seedStates(ids, now).map((s) => [s.cardId, s]));
	const slugs: string[] = essay.sections.map((s: { slug: string }) => s.slug);
	const citations = citationsBySentence(essay.sections, deck.cards);
	// One warm-up run, so the figures are for JIT-compiled code as on a page already in use.
	knowledgeBySentence(citations, states, now);
	knowledgeBySection(slugs, deck.cards, states, now);
	const citationTimes: number[] = [];
	const mapTimes: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		let start = performance.now();
		citationsBySentence(essay.sections, deck.cards);
		citationTimes.push(performance.now() - start);
		start = performance.now();
		knowledgeBySentence(citations, states, now);
		knowledgeBySection(slugs, deck.cards, states, now);
		mapTimes.push(performance.now() - start);
	}
	return { citationTimes, mapTimes, sentences: citations.size, cards: ids.length };
}

async function seedBrowser(page: Page, states: CardState[]) {
	await page.evaluate(async (rows) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const r = indexedDB.open('meridian');
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(r.error);
		});
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction('cardStates', 'readwrite');
			for (const row of rows) tx.objectStore('cardStates').put(row);
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, states);
}

type Painted = Window & { __mapPainted?: number };
const painted = (page: Page) =>
	page.waitForFunction(() => (window as Painted).__mapPainted).then((h) => h.jsonValue());

try {
	const pure = pureMap();
	console.log(
		`Node, ${pure.cards} cards, ${pure.sentences} cited sentences, 10,000 states: map ${summary(pure.mapTimes)}`
	);
	console.log(
		`  citations (locating every card's quote, once per page): ${summary(pure.citationTimes)}`
	);

	await server.ready;
	const browser = await chromium.launch(chromiumLaunchOptions);
	const context = await browser.newContext();
	// tsx keeps function names with an `__name` helper that the page does not have.
	await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
	// When the map first shows, in ms since the navigation started.
	await context.addInitScript(() => {
		const observer = new MutationObserver(() => {
			if (!document.querySelector('[data-band], [data-testid^="strip-"]')) return;
			(window as Painted).__mapPainted = performance.now();
			observer.disconnect();
		});
		observer.observe(document, { childList: true, subtree: true, attributes: true });
	});
	const page = await context.newPage();
	await page.goto(BASE);
	await page.getByTestId('strip-history').waitFor();
	await seedBrowser(page, seedStates(ids, Date.now()));
	await page.evaluate(() => localStorage.setItem('meridian:essay-knowledge-map', 'on'));
	const reader: number[] = [];
	const home: number[] = [];
	const readerPainted: number[] = [];
	const homePainted: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		await page.goto(`${BASE}/essay`);
		reader.push(await lastMeasure(page, 'knowledge-map'));
		readerPainted.push((await painted(page)) as number);
		await page.goto(BASE);
		home.push(await lastMeasure(page, 'knowledge-map'));
		homePainted.push((await painted(page)) as number);
	}
	console.log(`Chromium, 10,000 states stored: reader map ${summary(reader)}`);
	console.log(`  runs: ${reader.map((t) => t.toFixed(1)).join(', ')}`);
	console.log(`Chromium, 10,000 states stored: home strip ${summary(home)}`);
	console.log(`  runs: ${home.map((t) => t.toFixed(1)).join(', ')}`);
	console.log(`Navigation start -> map painted: reader ${summary(readerPainted)}`);
	console.log(`Navigation start -> strip painted: home ${summary(homePainted)}`);
	await browser.close();
} finally {
	server.stop();
}
