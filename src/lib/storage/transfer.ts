import {
	BackupError,
	MAX_BACKUP_BYTES,
	exportBackup,
	importBackup,
	parseBackup,
	type ImportSummary
} from './backup';
import type { MeridianDB } from './db';
import { readAtMost } from '$lib/bytes';

// The one place a device transfer reads and writes backups. The transfer encrypts whatever bytes
// `backupForTransfer` gives and hands the same bytes to `importTransferred`, so when the backup
// module's format changes (a streamed gzip Blob), only these two functions change.

const GZIP = [0x1f, 0x8b];

async function readCapped(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
	const reader = stream.getReader();
	const bytes = await readAtMost(reader, limit);
	if (bytes) return bytes;
	await reader.cancel();
	throw new BackupError(`The backup is larger than ${limit / 1024 / 1024} MB unpacked.`);
}

/** The student's whole backup as gzip-compressed JSON bytes, ready to encrypt. */
export async function backupForTransfer(
	db: MeridianDB,
	now: number
): Promise<{ bytes: Uint8Array<ArrayBuffer>; reviews: number; attempts: number }> {
	const backup = await exportBackup(db, now);
	const json = new Blob([JSON.stringify(backup)]).stream();
	const bytes = await new Response(json.pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
	// Counted from the stores, not the backup object, so a backup that is only a Blob fits too.
	const [reviews, attempts] = await Promise.all([db.count('reviewLogs'), db.count('quizAttempts')]);
	return { bytes: new Uint8Array(bytes), reviews, attempts };
}

/**
 * Validates decrypted transfer bytes (gzip or plain JSON) as a backup and merges it with the
 * existing import: all or nothing, and a {@link BackupError} says what is wrong.
 */
export async function importTransferred(
	db: MeridianDB,
	bytes: Uint8Array<ArrayBuffer>
): Promise<ImportSummary> {
	let text: string;
	if (bytes[0] === GZIP[0] && bytes[1] === GZIP[1]) {
		const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
		let plain: Uint8Array;
		try {
			plain = await readCapped(unpacked, MAX_BACKUP_BYTES);
		} catch (error) {
			if (error instanceof BackupError) throw error;
			throw new BackupError('The backup could not be unpacked (it is damaged).');
		}
		text = new TextDecoder().decode(plain);
	} else {
		text = new TextDecoder().decode(bytes);
	}
	return importBackup(db, parseBackup(text));
}

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
