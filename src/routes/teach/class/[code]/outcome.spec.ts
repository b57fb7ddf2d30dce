import { describe, expect, it } from 'vitest';
import { Outcome } from './outcome.svelte';

/** A stand-in for the status line: it counts focus calls and what the line said at each. */
function line(outcome: Outcome) {
	const said: string[] = [];
	outcome.box = { focus: () => void said.push(outcome.message) };
	return said;
}

describe('Outcome', () => {
	it('is busy while the action runs, then says its sentence and focuses the line', async () => {
		const outcome = new Outcome('Not changed');
		const said = line(outcome);
		let busyInside = false;
		await outcome.run(async () => {
			busyInside = outcome.busy;
			return 'Closed.';
		});
		expect(busyInside).toBe(true);
		expect(outcome.busy).toBe(false);
		expect(outcome.message).toBe('Closed.');
		expect(said).toEqual(['Closed.']);
	});

	it('says why a failed action failed, after its own opening words, and still focuses', async () => {
		const outcome = new Outcome('Not saved');
		const said = line(outcome);
		await outcome.run(async () => {
			throw new Error('the class key is wrong');
		});
		expect(outcome.busy).toBe(false);
		expect(outcome.message).toBe('Not saved: the class key is wrong');
		expect(said).toEqual(['Not saved: the class key is wrong']);
	});

	it('leaves focus alone when no line is bound', async () => {
		const outcome = new Outcome('Not saved');
		await expect(outcome.run(async () => 'Saved: title.')).resolves.toBeUndefined();
		expect(outcome.message).toBe('Saved: title.');
	});
});
