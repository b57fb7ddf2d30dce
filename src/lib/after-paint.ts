/** The browser's frame and task timers, passed in so that a test can run them by hand. */
export interface PaintTimers {
	requestAnimationFrame: (run: () => void) => unknown;
	setTimeout: (run: () => void, ms: number) => unknown;
}

/**
 * How long after those frames: the browser dates a paint by the frame's presentation, which on a
 * busy machine (load 20 on two cores) came 2 ms after the second frame's task had started; 100 ms
 * is nothing beside the time a student takes to read a card, and a reveal that comes sooner waits
 * for the import anyway.
 */
export const AFTER_PAINT_MS = 100;

const browserTimers: PaintTimers = {
	requestAnimationFrame: (run) => requestAnimationFrame(run),
	setTimeout: (run, ms) => setTimeout(run, ms)
};

/**
 * Runs `run` once what the page has just rendered is on screen: after the next frame and the one
 * after it (the first is the frame that paints it, whose presentation the second follows), and
 * {@link AFTER_PAINT_MS} more, in a task of its own. For work that must not hold a page's largest
 * paint: code imported after a page's first screen (the study page's answer, issue 18) starts
 * downloading only then, so the first screen's scripts share the network with nothing else.
 */
export function afterPaint(run: () => void, timers: PaintTimers = browserTimers): void {
	timers.requestAnimationFrame(() => {
		timers.requestAnimationFrame(() => {
			timers.setTimeout(run, AFTER_PAINT_MS);
		});
	});
}
