// A backup file of a large history, written in Node in the app's format (gzip lines), so a
// benchmark can seed a browser through the app's own import: the import writes the review log and
// the per-day summaries in one transaction, exactly as the app keeps them, so pages that read the
// summaries (/stats, home) see a history consistent with its log.
import type { Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchSizes } from './harness';

const DAY = 86_400_000;

/**
 * The same history `seedLargeHistory` writes (states of the decks' cards first, then synthetic
 * ids; logs over the last year, each with the state before it; finished quiz attempts), as a
 * backup file on disk. Returns its path.
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
	const states: { cardId: string; [field: string]: unknown }[] = [];
	for (let i = 0; i < stateCount; i++) {
		states.push({
			cardId: cardIds[i] ?? `synthetic-${i}`,
			due: now + ((i % 60) - 10) * DAY,
			stability: 5 + (i % 40),
			difficulty: 5,
			elapsedDays: 3,
			scheduledDays: 10,
			learningSteps: 0,
			reps: 20,
			lapses: i % 3,
			state: i % 7 === 0 ? 1 : i % 11 === 0 ? 3 : 2,
			lastReview: now - DAY,
			lastLogId: `log-${i}`
		});
	}
	for (const state of states) lines.push(JSON.stringify(['cardStates', state]));
	for (let i = 0; i < attemptCount; i++) {
		const finishedAt = now - (attemptCount - i) * 5 * DAY;
		const attempt = {
			id: `attempt-${i}`,
			deckId: deckIds[i % deckIds.length],
			seed: i,
			cardIds: [],
			feedback: 'end',
			passMark: 0.7,
			startedAt: finishedAt - 300_000,
			finishedAt,
			answers: [],
			percent: 40 + ((i * 7) % 60),
			passed: true,
			retryOf: null
		};
		lines.push(JSON.stringify(['quizAttempts', attempt]));
	}
	for (let n = 0; n < logCount; n++) {
		const state = states[n % stateCount]!;
		const log = {
			id: `log-${n}`,
			cardId: state.cardId,
			rating: 1 + (n % 4),
			reviewedAt: now - (n % 365) * DAY - (n % 1000) * 1000,
			source: n % 10 === 0 ? 'quiz' : 'study',
			previous: { ...state, state: n % 5 === 0 ? 1 : 2 },
			state: 2,
			due: now,
			stability: 10,
			difficulty: 5,
			scheduledDays: 10,
			elapsedDays: 3,
			durationMs: 2000 + (n % 9) * 1000
		};
		lines.push(JSON.stringify(['reviewLogs', log]));
	}
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
