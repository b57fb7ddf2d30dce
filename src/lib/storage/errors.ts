/** Why storing failed, in words a student can act on. */
export type StorageProblem = 'unavailable' | 'quota' | 'closed' | 'unknown';

export class StorageError extends Error {
	readonly problem: StorageProblem;
	constructor(problem: StorageProblem, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'StorageError';
		this.problem = problem;
	}
}

/** Turns an IndexedDB failure into a {@link StorageError} that says what happened. */
export function describeStorageError(error: unknown): StorageError {
	if (error instanceof StorageError) return error;
	const name = (error as { name?: string })?.name ?? '';
	if (name === 'QuotaExceededError') {
		return new StorageError(
			'quota',
			'Your device is out of storage space for Meridian, so this was not saved. Free some space (or export a backup in Settings), then try again. Everything saved before is intact.',
			{ cause: error }
		);
	}
	if (name === 'InvalidStateError') {
		return new StorageError(
			'closed',
			'Meridian was updated in another tab. Reload this page to keep studying; nothing saved is lost.',
			{ cause: error }
		);
	}
	if (
		name === 'SecurityError' ||
		name === 'UnknownError' ||
		name === 'NotFoundError' ||
		typeof indexedDB === 'undefined'
	) {
		return new StorageError(
			'unavailable',
			'This browser will not let Meridian store your progress (private browsing can do this). Open Meridian in a normal window to keep your reviews.',
			{ cause: error }
		);
	}
	return new StorageError(
		'unknown',
		`Saving failed: ${(error as Error)?.message ?? String(error)}`,
		{
			cause: error
		}
	);
}

/**
 * Aborts a transaction after a failure so that none of its writes land (it may be done already),
 * and settles its promise and any requests still pending, which the abort rejects.
 */
export function abortQuietly(
	tx: { abort(): void; done: Promise<void> },
	pending: readonly Promise<unknown>[] = []
): void {
	for (const request of [tx.done, ...pending]) request.catch(() => undefined);
	try {
		tx.abort();
	} catch {
		// Already committed or aborted: nothing was left half-written.
	}
}

/** Starts a transaction, turning a refusal (a closed or deleted database) into a StorageError. */
export function startTransaction<T>(start: () => T): T {
	try {
		return start();
	} catch (error) {
		throw describeStorageError(error);
	}
}
