import type { HeatmapCell } from '$lib/stats/heatmap';

/** The calendar's geometry: a cell's size, the step between cells, and the room for labels. */
export const CELL = 12;
export const STEP = 15;
export const LEFT = 32;
export const TOP = 18;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The calendar's cells as one piece of SVG markup: a rect per day, filled by `fill(count)`, with
 * `label(cell)` as its tooltip. Drawn as markup rather than one Svelte block per cell, each with
 * its own effect, which took most of the statistics page's render (issue 18).
 */
export function heatmapCellsMarkup(
	cells: readonly HeatmapCell[],
	fill: (count: number) => string,
	label: (cell: HeatmapCell) => string
): string {
	return cells
		.map(
			(cell) =>
				`<rect x="${LEFT + cell.week * STEP}" y="${TOP + cell.weekday * STEP}" width="${CELL}" height="${CELL}" rx="2" style="fill: ${escape(fill(cell.count))}"><title>${escape(label(cell))}</title></rect>`
		)
		.join('');
}
