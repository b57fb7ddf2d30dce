// The backup export in a Worker (backup.ts, `exportBackupFile`): it opens the database by name
// (its own connection, at the version the page already opened: no upgrade runs here), reads it
// page by page, writes the lines and compresses them, and answers with the file as a Blob. The
// page meanwhile only shows the progress; Cancel ends the Worker, so no file is made. Asked
// `sealOnly` (after an import), it only seals the review log as an export would and makes no file.
import { openDB } from 'idb';
import {
	writeBackupFile,
	writeLogSeal,
	type BackupProgress,
	type ExportReply,
	type ExportRequest
} from './backup';
import type { MeridianDB } from './db';

const scope = self as unknown as {
	onmessage: ((event: MessageEvent<ExportRequest>) => void) | null;
	postMessage(reply: ExportReply): void;
};

scope.onmessage = async ({ data }) => {
	let db: MeridianDB | undefined;
	try {
		// No version: the database as the page has it. Another tab upgrading it closes this one.
		db = (await openDB(data.name, undefined, {
			blocking: () => db?.close()
		})) as unknown as MeridianDB;
	} catch (error) {
		scope.postMessage({ kind: 'error', ...described(error) });
		return;
	}
	scope.postMessage({ kind: 'open' });
	const options = {
		pageSize: data.pageSize,
		chunkSize: data.chunkSize,
		progressEvery: data.progressEvery,
		onProgress: (progress: BackupProgress) => scope.postMessage({ kind: 'progress', progress })
	};
	try {
		if (data.sealOnly) {
			scope.postMessage({ kind: 'sealed', sealed: await writeLogSeal(db, options) });
		} else {
			const { file, counts } = await writeBackupFile(db, data.now, options);
			scope.postMessage({ kind: 'done', file, counts });
		}
	} catch (error) {
		scope.postMessage({ kind: 'error', ...described(error) });
	} finally {
		db.close();
	}
};

/** The error IndexedDB gave (under the storage error that describes it), for the page to name. */
function described(error: unknown): { name: string; message: string } {
	const cause = (error as { cause?: unknown })?.cause ?? error;
	return {
		name: (cause as Error)?.name || 'UnknownError',
		message: (cause as Error)?.message || String(cause)
	};
}
