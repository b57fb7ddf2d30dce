/** The width the last chart measured, so a chart drawn after it starts at the right one. */
let lastWidth = 320;

/**
 * A chart's width in CSS pixels, kept by a ResizeObserver on the chart's box (`{@attach
 * width.observe}`). Unlike `bind:clientWidth`, nothing reads the layout while the chart mounts:
 * that read forced a layout of the whole page in the middle of the charts' mount, once per chart
 * (issue 18: about a quarter of /stats' time from the read to every chart drawn). The observer's
 * first answer comes after the browser's own layout and before its paint, so the first frame
 * shows the charts at their width.
 */
export class ChartWidth {
	value = $state(lastWidth);

	readonly observe = (element: HTMLElement) => {
		const observer = new ResizeObserver(([entry]) => {
			if (!entry) return;
			this.value = lastWidth = Math.round(entry.contentRect.width);
		});
		observer.observe(element);
		return () => observer.disconnect();
	};
}
