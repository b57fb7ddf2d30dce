// What the browser benchmarks read back from the page: the app's own `meridian:<name>`
// performance measures, /stats' render measures and the rating's key -> next card latency.
import type { Browser, Page } from '@playwright/test';
import { barePage, measureFloor } from './harness';

/** A Chromium trace event (CDP `Tracing`) as the trace benchmarks read it; `Args`: its arguments. */
export interface TraceEvent<Args = Record<string, unknown>> {
	name: string;
	cat: string;
	ph: string;
	ts: number;
	dur?: number;
	pid: number;
	tid: number;
	args?: Args;
}

/** The last `meridian:<name>` measure's duration (ms), waiting up to 10 s for the page to make it. */
export async function lastMeasure(page: Page, name: string): Promise<number> {
	return page.evaluate(async (entry) => {
		for (let i = 0; i < 400; i++) {
			const last = performance.getEntriesByName(entry).at(-1);
			if (last) return last.duration;
			await new Promise((r) => setTimeout(r, 25));
		}
		throw new Error(`no measure ${entry}`);
	}, `meridian:${name}`);
}

/**
 * An init script for /stats: the time (from the navigation) at which the frame that shows the
 * charts has been drawn, as `__statsPainted`. The app's `stats-render` measure ends when the
 * charts are in the DOM; the browser's layout and paint come after it, and a chart that takes its
 * width from a ResizeObserver is drawn at it only then. So the benchmark watches, whatever the
 * build: once the last chart (the quiz scores) is in the DOM, a frame and the task after it.
 */
export const statsPaintWatch = `(() => {
	if (location.pathname !== '/stats') return;
	globalThis.__statsPainted = null;
	const watch = new MutationObserver(() => {
		if (!document.querySelector('#quiz-heading')) return;
		watch.disconnect();
		requestAnimationFrame(() => setTimeout(() => { globalThis.__statsPainted = performance.now(); }));
	});
	watch.observe(document, { childList: true, subtree: true });
})();`;

/**
 * /stats' `stats-render` measure (read, aggregate, render), its end counted from the navigation's
 * start, its parts `stats-read` and `stats-aggregate`, and the split of the time from the navigation
 * (first paint, the read's start, the read's end to the charts).
 */
export async function statsRendered(page: Page) {
	return page.evaluate(async () => {
		for (let i = 0; i < 400; i++) {
			const entry = performance.getEntriesByName('meridian:stats-render').at(-1);
			const painted = (globalThis as { __statsPainted?: number | null }).__statsPainted;
			const lastEntry = (name: string) => performance.getEntriesByName(`meridian:${name}`).at(-1);
			const last = (name: string) => lastEntry(name)?.duration ?? NaN;
			if (entry && painted !== null) {
				const read = lastEntry('stats-read');
				const readEnd = read ? read.startTime + read.duration : NaN;
				const paint = performance.getEntriesByName('first-contentful-paint').at(-1);
				return {
					render: entry.duration,
					fromNavigation: entry.startTime + entry.duration,
					read: last('stats-read'),
					aggregate: last('stats-aggregate'),
					// Where the time from the navigation goes: to the first paint (the prerendered
					// frame), from it to the read's start (scripts, the router, the card index), and
					// from the read's end to every chart drawn (aggregate, the charts' code, render).
					paint: paint?.startTime ?? NaN,
					// With `statsPaintWatch`: navigation -> the frame showing every chart drawn.
					painted: painted ?? NaN,
					beforeRead: entry.startTime,
					afterRead: entry.startTime + entry.duration - readEnd
				};
			}
			await new Promise((r) => setTimeout(r, 25));
		}
		throw new Error('no measure meridian:stats-render');
	});
}

/**
 * From a page showing the app's navigation bar (home, say), a tap on "Stats": the time from the
 * click to the frame that shows every chart drawn (the rule of `statsPaintWatch`), the way a
 * student reaches the page, through SvelteKit's router rather than a document load.
 */
export async function statsFromTap(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const link = document.querySelector<HTMLAnchorElement>('nav a[href="/stats"]');
				if (!link) return reject(new Error('no "Stats" link in the navigation bar'));
				const watch = new MutationObserver(() => {
					if (!document.querySelector('#quiz-heading')) return;
					watch.disconnect();
					requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
				});
				watch.observe(document, { childList: true, subtree: true });
				const start = performance.now();
				link.click();
			})
	);
}

type Timed = Window & { __nextCard?: Promise<number> };

/**
 * On a study page showing a card's question: reveals the answer, rates it Good ("3") and returns
 * the time from that key press to the frame after the next card's "Show answer" is in the DOM.
 */
export async function rateOnce(page: Page): Promise<number> {
	await page.getByRole('button', { name: 'Show answer' }).waitFor();
	await page.keyboard.press('Space');
	await page.getByRole('button', { name: 'Good' }).waitFor();
	await page.evaluate(() => {
		(window as Timed).__nextCard = new Promise((resolve) => {
			let pressed = 0;
			addEventListener('keydown', (e) => (pressed = e.timeStamp), { once: true, capture: true });
			const observer = new MutationObserver(() => {
				if (!pressed || !document.querySelector('button.show')) return;
				observer.disconnect();
				requestAnimationFrame(() => resolve(performance.now() - pressed));
			});
			observer.observe(document.body, { childList: true, subtree: true });
		});
	});
	await page.keyboard.press('3');
	return page.evaluate(() => (window as Timed).__nextCard ?? 0);
}

/**
 * The floor (`measureFloor`) in a bare page of the app's origin: same IndexedDB, none of the
 * app's code.
 */
export async function bareFloor(browser: Browser, base: string, runs = 200) {
	const page = await barePage(browser, `${base}/__floor`);
	const measured = await measureFloor(page, runs);
	await page.close();
	return measured;
}
