import { describe, expect, it } from 'vitest';
import { nextTask } from './next-task';

describe('nextTask', () => {
	it('resolves in a later task: after the microtasks and the timers already queued', async () => {
		const order: string[] = [];
		setTimeout(() => order.push('timer queued before'));
		const waited = nextTask().then(() => order.push('next task'));
		void Promise.resolve().then(() => order.push('microtask'));
		await waited;
		expect(order).toEqual(['microtask', 'timer queued before', 'next task']);
	});
});
