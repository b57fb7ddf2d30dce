/**
 * A module imported when it is first asked for, readable by components: `module` once it has
 * arrived, `failed` when the last import did not. An import that failed (offline on a first visit,
 * before the service worker holds the app) can be asked for again.
 */
export class LazyModule<T> {
	module = $state.raw<T | undefined>(undefined);
	failed = $state(false);
	readonly #import: () => Promise<T>;
	#pending: Promise<void> | undefined;

	constructor(load: () => Promise<T>) {
		this.#import = load;
	}

	/** Starts the import, unless it has arrived or is on its way; resolves when it has settled. */
	load(): Promise<void> {
		if (this.module !== undefined) return Promise.resolve();
		this.#pending ??= this.#import().then(
			(module) => {
				this.module = module;
				this.failed = false;
			},
			() => {
				this.failed = true;
				this.#pending = undefined;
			}
		);
		return this.#pending;
	}
}
