// A backup file of a large history, written in Node in the app's format (gzip lines), so a
// benchmark can seed a browser through the app's own import: the import writes the review log and
// the per-day summaries in one transaction, exactly as the app keeps them, so pages that read the
// summaries (/stats, home) see a history consistent with its log.
import type { Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { historyRows, type BenchSizes } from './harness';

/**
 * The history of `historyRows`, the one `seedLargeHistory` writes in the page, as a backup file on
 * disk. Returns its path.
 */
export function writeHistoryBackup(
	cardIds: readonly string[],
	deckIds: readonly string[],
	{ states: stateCount, logs: logCount }: BenchSizes,
	attemptCount: number,
	now = Date.now()
): string {
	const lines: string[] = [
		JSON.stringify({
			app: 'meridian',
			format: 'lines',
			schemaVersion: 3,
			exportedAt: new Date(now).toISOString()
		})
	];
	const history = historyRows(cardIds, deckIds, stateCount, attemptCount, now);
	for (const state of history.states) lines.push(JSON.stringify(['cardStates', state]));
	for (const attempt of history.attempts) lines.push(JSON.stringify(['quizAttempts', attempt]));
	for (let n = 0; n < logCount; n++) lines.push(JSON.stringify(['reviewLogs', history.log(n)]));
	const end = {
		settings: 0,
		cardStates: stateCount,
		cardMarks: 0,
		quizAttempts: attemptCount,
		reviewLogs: logCount
	};
	lines.push(JSON.stringify({ end }));
	const path = join(mkdtempSync(join(tmpdir(), 'meridian-bench-')), 'history.jsonl.gz');
	writeFileSync(path, gzipSync(lines.join('\n') + '\n'));
	return path;
}

/**
 * Seeds the page's origin with the history through Settings' "Import backup" and returns how long
 * the import took (the app's `meridian:import` measure, ms).
 */
export async function importHistory(
	page: Page,
	base: string,
	sizes: BenchSizes,
	attemptCount: number
): Promise<number> {
	await page.goto(`${base}/settings`);
	await page.getByText(/Storage is/).waitFor();
	const ids = await page.evaluate(async () => {
		const all = await (await fetch('/decks/all.json')).json();
		const index = await (await fetch('/decks/index.json')).json();
		return {
			cards: all.cards.map((c: { id: string }) => c.id) as string[],
			decks: index.decks.map((d: { id: string }) => d.id) as string[]
		};
	});
	const path = writeHistoryBackup(ids.cards, ids.decks, sizes, attemptCount);
	await page.getByLabel('Import backup').setInputFiles(path);
	await page
		.getByRole('status')
		.filter({ hasText: /^Imported: / })
		.waitFor({ timeout: 600_000 });
	return page.evaluate(() => performance.getEntriesByName('meridian:import').at(-1)!.duration);
}
