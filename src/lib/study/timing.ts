/**
 * Runs `work` and records its duration as a User Timing measure, so benchmarks (and the browser's
 * performance panel) can read how long counting, opening a session or exporting took.
 */
export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
	const start = performance.now();
	try {
		return await work();
	} finally {
		performance.measure(`meridian:${name}`, { start, end: performance.now() });
	}
}
