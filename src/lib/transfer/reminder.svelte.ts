import { lastProgressAt } from '$lib/storage/last-progress';
import type { MeridianDB } from '$lib/storage/db';
import { shouldRemind } from './reminder';

// The backup reminder's state in this browser. What it remembers (when a backup or move link was
// last made, when the student put the reminder off) belongs to this device, so it lives in
// localStorage, not in IndexedDB, where a backup would carry it to another device.

const SAFE_COPY_KEY = 'meridian:last-safe-copy';
const SNOOZED_KEY = 'meridian:backup-reminder-snoozed';

function readTime(key: string): number | null {
	try {
		const value = Number(localStorage.getItem(key));
		return Number.isFinite(value) && value > 0 ? value : null;
	} catch {
		return null;
	}
}

function writeTime(key: string, time: number): void {
	try {
		localStorage.setItem(key, String(time));
	} catch {
		// Storage refused (private mode, quota): the reminder may show again, nothing is lost.
	}
}

class BackupReminder {
	/** Whether the reminder shows now. */
	due = $state(false);

	/** Looks again at the facts: storage persistence, the last progress, copies and snoozes. */
	async refresh(db: MeridianDB, now = Date.now()): Promise<void> {
		const persisted = (await navigator.storage?.persisted?.()) ?? false;
		this.due = shouldRemind({
			persisted,
			lastProgressAt: await lastProgressAt(db),
			lastSafeCopyAt: readTime(SAFE_COPY_KEY),
			snoozedAt: readTime(SNOOZED_KEY),
			now
		});
	}

	/** A backup was exported or a move link made: what is here now exists elsewhere too. */
	copied(now = Date.now()): void {
		writeTime(SAFE_COPY_KEY, now);
		this.due = false;
	}

	/** "Not now": quiet for a week. */
	snooze(now = Date.now()): void {
		writeTime(SNOOZED_KEY, now);
		this.due = false;
	}
}

export const backupReminder = new BackupReminder();
