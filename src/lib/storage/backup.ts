import * as v from 'valibot';
import { CardMarkSchema } from '$lib/srs/marks';
import type { ReviewLogEntry } from '$lib/srs/scheduler';
import { parseSettings, StudySettingsSchema, type StudySettings } from '$lib/srs/settings';
import { summariseLogs, type ReviewSummary } from '$lib/stats/summary';
import { ClassRowSchema } from './classes';
import { DB_VERSION, inTransaction, type MeridianDB } from './db';
import { CardStateSchema, QuizAttemptSchema, ReviewLogSchema } from './schemas';
import { applySummaryDelta } from './summaries';

/** A backup larger than this is refused before it is read. */
export const MAX_BACKUP_BYTES = 50 * 1024 * 1024;

export const BackupSchema = v.object({
	app: v.literal('meridian', 'this is not a Meridian backup'),
	schemaVersion: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(1),
		v.maxValue(
			DB_VERSION,
			'this backup was made by a newer version of Meridian; update the app first'
		)
	),
	exportedAt: v.string(),
	cardStates: v.array(CardStateSchema),
	reviewLogs: v.array(ReviewLogSchema),
	quizAttempts: v.array(QuizAttemptSchema),
	settings: v.nullable(StudySettingsSchema),
	/** The card browser's marks (version 3); absent from older backups, which have none. */
	cardMarks: v.optional(v.array(CardMarkSchema), []),
	/** Classes joined and taught on this device (version 4); absent from older backups. */
	classes: v.optional(v.array(ClassRowSchema), [])
});

export type Backup = v.InferOutput<typeof BackupSchema>;

/** How many `getAll` requests read the review log at once in an export. */
const LOG_READ_PARTS = 8;

/** Everything the student has: card states, review log, quiz attempts and settings. */
export async function exportBackup(db: MeridianDB, now: number): Promise<Backup> {
	const tx = db.transaction(
		['cardStates', 'reviewLogs', 'quizAttempts', 'settings', 'cardMarks', 'classes'],
		'readonly'
	);
	const logs = tx.objectStore('reviewLogs');

	// The log is read as consecutive key ranges requested together: the browser reads one range
	// while the page deserialises the one before (200,000 logs: about 2.2 s instead of 3 s in one
	// getAll, measured in Chromium). The ranges' bounds are keys found by skipping a key cursor.
	async function allLogs(): Promise<ReviewLogEntry[]> {
		const total = await logs.count();
		const step = Math.ceil(total / LOG_READ_PARTS);
		const bounds: string[] = [];
		let cursor = step > 0 ? await logs.openKeyCursor() : null;
		while (cursor && bounds.length < LOG_READ_PARTS - 1) {
			cursor = await cursor.advance(step);
			if (cursor) bounds.push(cursor.key);
		}
		const ranges = [...bounds, null].map((upper, i) => {
			const lower = i > 0 ? bounds[i - 1]! : null;
			if (lower === null) return upper === null ? null : IDBKeyRange.upperBound(upper, true);
			return upper === null
				? IDBKeyRange.lowerBound(lower)
				: IDBKeyRange.bound(lower, upper, false, true);
		});
		return (await Promise.all(ranges.map((range) => logs.getAll(range)))).flat();
	}

	const [cardStates, reviewLogs, quizAttempts, settings, cardMarks, classes] = await Promise.all([
		tx.objectStore('cardStates').getAll(),
		allLogs(),
		tx.objectStore('quizAttempts').getAll(),
		tx.objectStore('settings').get('study'),
		tx.objectStore('cardMarks').getAll(),
		tx.objectStore('classes').getAll()
	]);
	await tx.done;
	return {
		app: 'meridian',
		schemaVersion: DB_VERSION,
		exportedAt: new Date(now).toISOString(),
		cardStates,
		reviewLogs,
		quizAttempts,
		settings: settings ? parseSettings(settings.value) : null,
		cardMarks,
		// A row no page could read is left out, so the backup always reads back.
		classes: classes.filter((row) => v.is(ClassRowSchema, row))
	};
}

export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

/** Parses and validates a backup file's text; the error says what is wrong and where. */
export function parseBackup(text: string): Backup {
	if (text.length > MAX_BACKUP_BYTES) {
		throw new BackupError(
			`The file is larger than ${MAX_BACKUP_BYTES / 1024 / 1024} MB: not a Meridian backup.`
		);
	}
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new BackupError('The file is not valid JSON (it may be truncated or not a backup).');
	}
	const parsed = v.safeParse(BackupSchema, data);
	if (!parsed.success) {
		const issue = parsed.issues[0]!;
		const where = issue.path?.map((p) => String(p.key)).join('.') || 'the file';
		throw new BackupError(`The backup is not valid at ${where}: ${issue.message}.`);
	}
	return parsed.output;
}

export interface ImportSummary {
	reviewsAdded: number;
	statesUpdated: number;
	attemptsAdded: number;
	marksUpdated: number;
}

/**
 * Merges a backup in one transaction: review logs and quiz attempts are united by id; a card's
 * state comes from whichever side reviewed it last, a card's mark from whichever side changed it
 * last; local settings are kept unless there are none, and exam dates are united (local wins per deck).
 */
export async function importBackup(db: MeridianDB, backup: Backup): Promise<ImportSummary> {
	const summary: ImportSummary = {
		reviewsAdded: 0,
		statesUpdated: 0,
		attemptsAdded: 0,
		marksUpdated: 0
	};
	const scope = [
		'cardStates',
		'reviewLogs',
		'daySummaries',
		'quizAttempts',
		'settings',
		'cardMarks',
		'classes'
	] as const;
	return inTransaction(db, [...scope], 'readwrite', async (tx, track) => {
		const added = new Map<number, ReviewSummary>();
		const logs = tx.objectStore('reviewLogs');
		const states = tx.objectStore('cardStates');
		const attempts = tx.objectStore('quizAttempts');
		const [logKeys, attemptKeys, localStates] = await Promise.all([
			logs.getAllKeys(),
			attempts.getAllKeys(),
			states.getAll()
		]);
		const haveLog = new Set(logKeys);
		const haveAttempt = new Set(attemptKeys);
		const local = new Map(localStates.map((s) => [s.cardId, s]));
		for (const log of backup.reviewLogs) {
			if (haveLog.has(log.id)) continue;
			haveLog.add(log.id);
			track(logs.add(log));
			summariseLogs([log], 1, added);
			summary.reviewsAdded++;
		}
		for (const state of backup.cardStates) {
			const mine = local.get(state.cardId);
			if (mine && (mine.lastReview ?? 0) >= (state.lastReview ?? 0)) continue;
			track(states.put(state));
			summary.statesUpdated++;
		}
		for (const attempt of backup.quizAttempts) {
			if (haveAttempt.has(attempt.id)) continue;
			track(attempts.add(attempt));
			summary.attemptsAdded++;
		}
		// The summaries take in exactly the reviews added, in the same commit.
		await applySummaryDelta(tx.objectStore('daySummaries'), added, track);
		// A card's mark comes from whichever side changed it last.
		const marks = tx.objectStore('cardMarks');
		const localMarks = new Map((await marks.getAll()).map((m) => [m.cardId, m]));
		for (const mark of backup.cardMarks) {
			const mine = localMarks.get(mark.cardId);
			if (mine && mine.updatedAt >= mark.updatedAt) continue;
			track(marks.put(mark));
			summary.marksUpdated++;
		}
		// A class this device already has keeps its row (its key, its membership's state).
		const classes = tx.objectStore('classes');
		const haveClass = new Set((await classes.getAllKeys()).map((key) => key.join(' ')));
		for (const row of backup.classes) {
			const key = `${row.role} ${row.code}`;
			if (haveClass.has(key)) continue;
			haveClass.add(key);
			track(classes.add(row));
		}
		if (backup.settings) {
			const row = await tx.objectStore('settings').get('study');
			// Local settings win, but an exam date only the backup knows is added, never replaced.
			const mine = row ? parseSettings(row.value) : null;
			const value: StudySettings = mine
				? { ...mine, examDates: { ...backup.settings.examDates, ...mine.examDates } }
				: backup.settings;
			track(tx.objectStore('settings').put({ key: 'study', value }));
		}
		return summary;
	});
}
