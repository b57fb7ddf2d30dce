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
