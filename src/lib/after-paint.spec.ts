import { describe, expect, it } from 'vitest';
import { afterPaint } from './after-paint';

describe('afterPaint', () => {
	it('runs the work in a task after two frames, not before', () => {
		const frames: (() => void)[] = [];
		const tasks: (() => void)[] = [];
		const timers = {
			requestAnimationFrame: (run: () => void) => frames.push(run),
			setTimeout: (run: () => void) => tasks.push(run)
		};
		let ran = 0;
		afterPaint(() => ran++, timers);
		expect([frames.length, tasks.length, ran]).toEqual([1, 0, 0]);
		frames.shift()!();
		expect([frames.length, tasks.length, ran]).toEqual([1, 0, 0]);
		frames.shift()!();
		expect([frames.length, tasks.length, ran]).toEqual([0, 1, 0]);
		tasks.shift()!();
		expect(ran).toBe(1);
	});
});
