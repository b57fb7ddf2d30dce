import type { MeridianDB } from './db';

// Apart from the backup code on purpose: the backup reminder, on home and /stats, asks this on
// every visit, and importing it from the backup module put the whole backup code (and its
// validation) on every page's first load.

/** When the student last studied or took a quiz here (epoch ms), or null before any progress. */
export async function lastProgressAt(db: MeridianDB): Promise<number | null> {
	const tx = db.transaction(['reviewLogs', 'quizAttempts'], 'readonly');
	const [log, attempt] = await Promise.all([
		tx.objectStore('reviewLogs').index('byTime').openCursor(null, 'prev'),
		tx.objectStore('quizAttempts').index('byTime').openCursor(null, 'prev')
	]);
	await tx.done;
	const times = [log?.value.reviewedAt, attempt?.value.startedAt].filter(
		(t): t is number => typeof t === 'number'
	);
	return times.length > 0 ? Math.max(...times) : null;
}
