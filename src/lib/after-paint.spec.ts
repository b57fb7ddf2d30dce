import { describe, expect, it } from 'vitest';
import { AFTER_PAINT_MS, afterPaint } from './after-paint';

describe('afterPaint', () => {
	it('runs the work in a task after two frames and a margin, not before', () => {
		const frames: (() => void)[] = [];
		const tasks: (() => void)[] = [];
		const delays: number[] = [];
		const timers = {
			requestAnimationFrame: (run: () => void) => frames.push(run),
			setTimeout: (run: () => void, ms: number) => (tasks.push(run), delays.push(ms))
		};
		let ran = 0;
		afterPaint(() => ran++, timers);
		expect([frames.length, tasks.length, ran]).toEqual([1, 0, 0]);
		frames.shift()!();
		expect([frames.length, tasks.length, ran]).toEqual([1, 0, 0]);
		frames.shift()!();
		expect([frames.length, tasks.length, ran]).toEqual([0, 1, 0]);
		expect(delays).toEqual([AFTER_PAINT_MS]);
		tasks.shift()!();
		expect(ran).toBe(1);
	});
});
