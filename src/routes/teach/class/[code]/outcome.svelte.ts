import { tick } from 'svelte';

/**
 * The outcome of an instructor's action on a class, said in one status line: `run` marks the
 * action busy, shows the sentence the action answers with (or `failed: why` when it throws),
 * then moves focus to the line bound as `box`, so that a screen reader hears it and focus does
 * not fall to the page when the control acted on has gone. Without a `box`, focus stays put.
 */
export class Outcome {
	message = $state('');
	busy = $state(false);
	box = $state<{ focus(): void }>();
	readonly #failed: string;

	/** `failed` opens the line when the action throws: "Not changed", "Not saved". */
	constructor(failed: string) {
		this.#failed = failed;
	}

	async run(action: () => Promise<string>): Promise<void> {
		this.busy = true;
		try {
			this.message = await action();
		} catch (error) {
			this.message = `${this.#failed}: ${(error as Error).message}`;
		} finally {
			this.busy = false;
		}
		await tick();
		this.box?.focus();
	}
}
