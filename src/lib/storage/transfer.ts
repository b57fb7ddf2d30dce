import {
	exportBackupFile,
	importBackupStream,
	type BackupOptions,
	type ImportOptions,
	type ImportSummary
} from './backup';
import type { MeridianDB } from './db';

// The one place a device transfer reads and writes backups. The transfer encrypts whatever bytes
// `backupForTransfer` gives (the backup file, gzip-compressed lines) and hands the same bytes to
// `importTransferred`, which reads them as the file import does (older plain JSON too).

/** The student's whole backup file as bytes, ready to encrypt, and what it carries. */
export async function backupForTransfer(
	db: MeridianDB,
	now: number,
	options: BackupOptions = {}
): Promise<{ bytes: Uint8Array<ArrayBuffer>; reviews: number; attempts: number }> {
	const { file, counts } = await exportBackupFile(db, now, options);
	return {
		bytes: new Uint8Array(await file.arrayBuffer()),
		reviews: counts.reviewLogs,
		attempts: counts.quizAttempts
	};
}

/**
 * Validates decrypted transfer bytes (the backup file, or plain JSON) and merges them with the
 * backup import: all or nothing, and a {@link BackupError} says what is wrong. As the file import
 * does, it then seals the review log; progress counts the bytes, then the sealing.
 */
export function importTransferred(
	db: MeridianDB,
	bytes: Uint8Array<ArrayBuffer>,
	options: Omit<ImportOptions, 'total'> = {}
): Promise<ImportSummary> {
	return importBackupStream(db, new Blob([bytes]).stream(), { ...options, total: bytes.length });
}
