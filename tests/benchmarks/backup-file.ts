// A backup file of a large history, written in Node in the app's format (gzip lines), so a
// benchmark can seed a browser through the app's own import: the import writes the review log and
// the per-day summaries in one transaction, exactly as the app keeps them, so pages that read the
// summaries (/stats, home) see a history consistent with its log.
import type { Page } from '@playwright/test';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { historyRows, type BenchSizes } from './harness';

/**
 * The history of `historyRows`, the one `seedLargeHistory` writes in the page, as a backup file on
 * disk, written as a stream (a million reviews are about 500 MB of lines, more than one string
 * should hold). Returns its path.
 */
export async function writeHistoryBackup(
	cardIds: readonly string[],
	deckIds: readonly string[],
	{ states: stateCount, logs: logCount }: BenchSizes,
	attemptCount: number,
	now = Date.now()
): Promise<string> {
	const history = historyRows(cardIds, deckIds, stateCount, attemptCount, now);
	function* lines(): Generator<string> {
		yield (
			JSON.stringify({
				app: 'meridian',
				format: 'lines',
				schemaVersion: 3,
				exportedAt: new Date(now).toISOString()
			}) + '\n'
		);
		yield history.states.map((state) => JSON.stringify(['cardStates', state]) + '\n').join('');
		yield history.attempts.map((a) => JSON.stringify(['quizAttempts', a]) + '\n').join('');
		// Ten thousand reviews a piece.
		for (let from = 0; from < logCount; from += 10_000) {
			const piece: string[] = [];
			for (let n = from; n < Math.min(logCount, from + 10_000); n++)
				piece.push(JSON.stringify(['reviewLogs', history.log(n)]) + '\n');
			yield piece.join('');
		}
		const end = {
			settings: 0,
			cardStates: stateCount,
			cardMarks: 0,
			quizAttempts: attemptCount,
			reviewLogs: logCount
		};
		yield JSON.stringify({ end }) + '\n';
	}
	const path = join(mkdtempSync(join(tmpdir(), 'meridian-bench-')), 'history.jsonl.gz');
	await pipeline(lines(), createGzip(), createWriteStream(path));
	return path;
}

/** How long (ms) a benchmark waits for an import or export of `logs` reviews at most. */
export const patienceFor = (logs: number) => Math.max(600_000, logs * 3);

/**
 * Seeds the page's origin with the history through Settings' "Import backup" and returns how long
 * the import took (the app's `meridian:import` measure, ms: the merge and the sealing after it).
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
	const path = await writeHistoryBackup(ids.cards, ids.decks, sizes, attemptCount);
	await page.getByLabel('Import backup').setInputFiles(path);
	await page
		.getByRole('status')
		.filter({ hasText: /^Imported: / })
		.waitFor({ timeout: patienceFor(sizes.logs) });
	const [total, merged] = await page.evaluate(() =>
		['meridian:import', 'meridian:import-merged'].map(
			(name) => performance.getEntriesByName(name).at(-1)?.duration ?? NaN
		)
	);
	// Since h19e the import seals the log after its commit: the two steps' times, for the report.
	if (!Number.isNaN(merged)) {
		console.log(
			`  import: merged (committed) at ${(merged! / 1000).toFixed(1)} s, log sealed at ${(total! / 1000).toFixed(1)} s`
		);
	}
	return total!;
}
