/** The browser's frame and task timers, passed in so that a test can run them by hand. */
export interface PaintTimers {
	requestAnimationFrame: (run: () => void) => unknown;
	setTimeout: (run: () => void) => unknown;
}

const browserTimers: PaintTimers = {
	requestAnimationFrame: (run) => requestAnimationFrame(run),
	setTimeout: (run) => setTimeout(run)
};

/**
 * Runs `run` once what the page has just rendered is on screen: after the next frame and the one
 * after it (the first is the frame that paints it, whose presentation the second follows), in a
 * task of its own. For work that must not hold a page's largest paint: code imported after a
 * page's first screen (the study page's answer, issue 18) starts downloading only then, so the
 * first screen's scripts share the network with nothing else.
 */
export function afterPaint(run: () => void, timers: PaintTimers = browserTimers): void {
	timers.requestAnimationFrame(() => {
		timers.requestAnimationFrame(() => {
			timers.setTimeout(run);
		});
	});
}
