// When to remind a student to back up or move their progress: pure, so the rule is tested in Node.

/** After "Not now", the reminder waits this long. */
export const SNOOZE_MS = 7 * 24 * 60 * 60 * 1000;

export interface ReminderFacts {
	/** navigator.storage.persisted(): a persistent store is not cleared under storage pressure. */
	persisted: boolean;
	/** The last review or quiz on this device (epoch ms), or null before any. */
	lastProgressAt: number | null;
	/** The last backup export or move link made here, or null. */
	lastSafeCopyAt: number | null;
	/** When the student last chose "Not now", or null. */
	snoozedAt: number | null;
	now: number;
}

/**
 * Remind when some progress exists only on this device (made after the last backup or move) and
 * the browser may clear it, unless the student put the reminder off in the last week.
 */
export function shouldRemind(facts: ReminderFacts): boolean {
	if (facts.persisted || facts.lastProgressAt === null) return false;
	if (facts.lastSafeCopyAt !== null && facts.lastSafeCopyAt >= facts.lastProgressAt) return false;
	return facts.snoozedAt === null || facts.now - facts.snoozedAt >= SNOOZE_MS;
}
