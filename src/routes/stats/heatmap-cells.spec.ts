import { describe, expect, it } from 'vitest';
import { heatmapCellsMarkup } from './heatmap-cells';

const cell = (week: number, weekday: number, count: number) => ({
	key: `${week}-${weekday}`,
	start: 0,
	count,
	week,
	weekday
});

describe('heatmapCellsMarkup', () => {
	it('places each day by week and weekday, filled by its count, with its tooltip', () => {
		const markup = heatmapCellsMarkup(
			[cell(0, 0, 0), cell(2, 6, 5)],
			(n) => (n === 0 ? 'var(--heat-0)' : 'var(--heat-4)'),
			(c) => `day ${c.key}: ${c.count}`
		);
		expect(markup).toBe(
			'<rect x="32" y="18" width="12" height="12" rx="2" style="fill: var(--heat-0)"><title>day 0-0: 0</title></rect>' +
				'<rect x="62" y="108" width="12" height="12" rx="2" style="fill: var(--heat-4)"><title>day 2-6: 5</title></rect>'
		);
	});

	it('escapes what it is given, so a label can never become markup', () => {
		const markup = heatmapCellsMarkup(
			[cell(0, 0, 1)],
			() => 'red"><script>',
			() => `<b>&'"`
		);
		expect(markup).not.toContain('<script>');
		expect(markup).not.toContain('<b>');
		expect(markup).toContain('&#60;b&#62;&#38;&#39;&#34;');
	});
});
