/**
 * Rows that reads found unreadable (written by an older version or by hand) and skipped, so no
 * page sticks on them. The app-wide notice tells the student and points to Settings' repair.
 */
class StorageHealth {
	/** Unreadable rows skipped since the page loaded, by store. */
	skipped = $state<Record<string, number>>({});
	readonly total = $derived(Object.values(this.skipped).reduce((a, b) => a + b, 0));

	note(store: string, count: number): void {
		this.skipped = { ...this.skipped, [store]: Math.max(this.skipped[store] ?? 0, count) };
	}

	clear(): void {
		this.skipped = {};
	}
}

export const storageHealth = new StorageHealth();

export function noteUnreadable(store: string, count: number): void {
	storageHealth.note(store, count);
}
