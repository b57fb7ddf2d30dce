// Draws the maps cards may show (MAP_IDS in src/lib/decks/maps.ts) from Natural Earth boundaries
// (the world-atlas TopoJSON, read with topojson-client and projected with d3-geo) to
// static/maps/<id>.svg: `node scripts/make-maps.js`. Commit the SVGs it writes; the build does not
// run this. The output depends only on the pinned packages and this file, so a second run writes
// the same bytes. Titles, captions and descriptions come from src/lib/map-captions.json, which the
// app uses for the alt text and caption as well.
import { geoConicEqualArea, geoAzimuthalEqualArea, geoPath, geoTransverseMercator } from 'd3-geo';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';

const root = fileURLToPath(new URL('..', import.meta.url));
const captions = JSON.parse(readFileSync(`${root}src/lib/map-captions.json`, 'utf8'));
const atlas = (scale) =>
	JSON.parse(readFileSync(`${root}node_modules/world-atlas/countries-${scale}.json`, 'utf8'));

const WIDTH = 400;

/**
 * Each map (its height, title, caption and description are in src/lib/map-captions.json): the
 * Natural Earth scale, a projection fitted to `extent` (lon/lat points that must be
 * in view), the countries drawn as `key` (the map's subject) or context, labels, places and the
 * feature: `routes` are lines through real lon/lat waypoints (solid, or `dashed` where planned or
 * beyond the feature itself), `areas` are polygons (hatched).
 */
export const MAPS = {
	'fergana-valley': {
		scale: '50m',
		projection: () => geoTransverseMercator().rotate([-71.3, 0]),
		extent: [
			[68.6, 39.4],
			[74.0, 42.2]
		],
		key: ['Uzbekistan', 'Kyrgyzstan', 'Tajikistan'],
		labels: [
			{ text: 'UZBEKISTAN', at: [69.55, 41.7] },
			{ text: 'KYRGYZSTAN', at: [73.1, 41.6] },
			{ text: 'TAJIKISTAN', at: [70.2, 39.65] },
			{ text: 'KAZAKHSTAN', at: [70.0, 42.05], context: true }
		],
		areas: [
			{
				label: 'Fergana Valley',
				labelAt: [71.3, 40.72],
				// The valley floor, along the foot of the ranges around it.
				ring: [
					[69.45, 40.22],
					[69.9, 40.62],
					[70.55, 40.95],
					[71.2, 41.12],
					[71.85, 41.15],
					[72.5, 41.02],
					[73.1, 40.9],
					[73.05, 40.55],
					[72.7, 40.35],
					[72.1, 40.22],
					[71.4, 40.17],
					[70.65, 40.12],
					[70.0, 40.08],
					[69.45, 40.22]
				]
			}
		],
		places: [
			{ name: 'Tashkent', at: [69.24, 41.3], dx: 6, dy: 4 },
			{ name: 'Khujand', at: [69.62, 40.28], dx: -6, dy: 14, anchor: 'end' },
			{ name: 'Namangan', at: [71.67, 41.0], dx: 0, dy: -8, anchor: 'middle' },
			{ name: 'Fergana', at: [71.78, 40.39], dx: 0, dy: 15, anchor: 'middle' },
			{ name: 'Andijan', at: [72.34, 40.78], dx: 6, dy: -5 },
			{ name: 'Osh', at: [72.8, 40.53], dx: 6, dy: 13 }
		],
		routes: [],
		legend: [{ kind: 'area', text: 'Fergana Valley' }]
	},
	'power-of-siberia': {
		scale: '110m',
		projection: () => geoConicEqualArea().rotate([-118, 0]).parallels([35, 58]),
		extent: [
			[104, 62.5],
			[134, 62.5],
			[104, 29.5],
			[134, 29.5]
		],
		key: ['Russia', 'China'],
		labels: [
			{ text: 'RUSSIA', at: [116, 58.6] },
			{ text: 'Yakutia', at: [121, 62.0], small: true },
			{ text: 'CHINA', at: [111, 37] },
			{ text: 'MONGOLIA', at: [107.8, 45.3], context: true }
		],
		areas: [],
		places: [
			{ name: 'Chayanda field', at: [111.2, 60.6], dx: -7, dy: 4, anchor: 'end' },
			{ name: 'Blagoveshchensk', at: [127.53, 50.27], dx: 7, dy: -4 },
			{ name: 'Heihe', at: [127.49, 50.24], dx: 7, dy: 12, dot: false },
			{ name: 'Beijing', at: [116.4, 39.9], dx: -7, dy: 4, anchor: 'end' },
			{ name: 'Shanghai', at: [121.47, 31.23], dx: 7, dy: 4 }
		],
		routes: [
			{
				// Chayanda - Lensk - Olyokminsk - Aldan - Neryungri - Tynda - Skovorodino - Svobodny -
				// Blagoveshchensk, across the Amur to Heihe.
				points: [
					[111.2, 60.6],
					[114.93, 60.72],
					[120.43, 60.37],
					[125.4, 58.6],
					[124.71, 56.66],
					[124.72, 55.15],
					[123.94, 53.98],
					[128.13, 51.38],
					[127.53, 50.27],
					[127.49, 50.24]
				]
			},
			{
				dashed: true,
				// China's eastern route: Heihe - Changling - Yongqing - Tai'an - Shanghai.
				points: [
					[127.49, 50.24],
					[125.0, 46.6],
					[123.97, 44.27],
					[123.43, 41.8],
					[119.6, 39.93],
					[116.5, 39.32],
					[117.09, 36.2],
					[120.0, 32.2],
					[121.47, 31.23]
				]
			}
		],
		legend: [
			{ kind: 'route', text: 'Power of Siberia (Russia)' },
			{ kind: 'dashed', text: 'Continuation in China' }
		]
	},
	'meridian-highway': {
		scale: '110m',
		projection: () => geoConicEqualArea().rotate([-52, 0]).parallels([44, 56]),
		extent: [
			[26, 58],
			[80, 58],
			[26, 41.5],
			[80, 41.5]
		],
		tolerance: 1.1,
		key: ['Russia', 'Kazakhstan', 'Belarus'],
		labels: [
			{ text: 'RUSSIA', at: [52, 56.6] },
			{ text: 'KAZAKHSTAN', at: [66, 48.2] },
			{ text: 'BELARUS', at: [27.6, 52.6], small: true },
			{ text: 'UKRAINE', at: [32.5, 49.0], context: true, small: true },
			{ text: 'CHINA', at: [80.6, 42.0], context: true, small: true, anchor: 'end' }
		],
		areas: [],
		places: [
			{ name: 'Moscow', at: [37.62, 55.75], dx: 5, dy: -6 },
			{ name: 'Smolensk', at: [32.05, 54.78], dx: -2, dy: -8, anchor: 'end' },
			{ name: 'Orenburg', at: [55.1, 51.77], dx: 0, dy: -8, anchor: 'middle' },
			{ name: 'Almaty', at: [76.9, 43.24], dx: -4, dy: 14, anchor: 'end' }
		],
		routes: [
			{
				// From the Kazakh border in the Orenburg region west through the Samara and Saratov
				// regions, Penza, Tambov and Oryol (south of Moscow), Bryansk, to the Belarus border
				// west of Smolensk.
				points: [
					[55.0, 51.05],
					[51.0, 52.2],
					[46.5, 52.7],
					[44.9, 53.2],
					[41.45, 52.72],
					[36.07, 52.97],
					[34.36, 53.25],
					[32.6, 54.2],
					[31.0, 54.6]
				]
			},
			{
				dashed: true,
				// Western China - Khorgos - Almaty - Shymkent - Kyzylorda - Aktobe - the Russian border.
				points: [
					[81.5, 43.9],
					[80.4, 44.2],
					[76.9, 43.24],
					[71.4, 42.9],
					[69.6, 42.3],
					[65.5, 44.85],
					[61.7, 46.9],
					[57.2, 50.28],
					[55.0, 51.05]
				]
			},
			{
				dashed: true,
				// On from the Belarus border past Minsk and Brest towards Western Europe.
				points: [
					[31.0, 54.6],
					[27.56, 53.9],
					[23.7, 52.1],
					[22.0, 52.2]
				]
			}
		],
		legend: [
			{ kind: 'route', text: 'Meridian Highway (Russia)' },
			{ kind: 'dashed', text: 'Rest of the Western Europe-Western China corridor' }
		]
	},
	'northern-sea-route': {
		scale: '110m',
		projection: () => geoAzimuthalEqualArea().rotate([-105, -90]),
		extent: [
			[30, 68],
			[-164, 65],
			[105, 70],
			[105, 84]
		],
		key: ['Russia'],
		labels: [
			{ text: 'RUSSIA', at: [105, 68.5] },
			{ text: 'Arctic Ocean', at: [160, 84], sea: true },
			{ text: 'Barents Sea', at: [44, 75.8], sea: true, small: true },
			{ text: 'Kara Sea', at: [70, 75.3], sea: true, small: true },
			{ text: 'Laptev Sea', at: [126, 75.2], sea: true, small: true },
			{ text: 'East Siberian Sea', at: [163, 73.6], sea: true, small: true },
			{ text: 'ALASKA (US)', at: [-160, 69], context: true, small: true, anchor: 'end' },
			{ text: 'Taymyr', at: [100, 73], small: true }
		],
		areas: [],
		places: [
			{ name: 'Murmansk', at: [33.08, 68.97], dx: 6, dy: 12 },
			{ name: 'Kara Gate', at: [58.7, 70.4], dx: 6, dy: 13 },
			{ name: 'Vilkitsky Strait', at: [104.5, 77.85], dx: 0, dy: -8, anchor: 'middle' },
			{ name: 'Bering Strait', at: [-169.0, 65.9], dx: -6, dy: 15, anchor: 'end' }
		],
		routes: [
			{
				// Murmansk - the Barents Sea - Kara Gate - the Kara Sea past Dikson - Vilkitsky Strait -
				// the Laptev Sea - Sannikov Strait - the East Siberian Sea - Long Strait - Bering Strait.
				points: [
					[33.08, 69.2],
					[38, 70.2],
					[50, 70.6],
					[58.7, 70.4],
					[66, 72.5],
					[74, 74.5],
					[80.5, 75.2],
					[92, 77],
					[104.5, 77.85],
					[116, 77],
					[128, 75.6],
					[139, 74.7],
					[152, 73],
					[166, 71.4],
					[178, 70.2],
					[-175, 68.2],
					[-171.5, 66.8],
					[-169.0, 65.9]
				]
			}
		],
		legend: [{ kind: 'route', text: 'Northern Sea Route' }]
	}
};

const STYLE = `
.sea{fill:#dcebf7}
.land{fill:#f1ede4;stroke:#8b95a3;stroke-width:.6;stroke-linejoin:round}
.key{fill:#e6d8b3;stroke:#5d6775;stroke-width:.8}
.area{fill:url(#hatch);stroke:#8a3b12;stroke-width:1.5;stroke-dasharray:4 2}
.route{fill:none;stroke:#b42318;stroke-width:3;stroke-linecap:round;stroke-linejoin:round}
.dashed{stroke-width:2.2;stroke-dasharray:6 4}
.hatch{stroke:#8a3b12;stroke-width:1.6}
.dot{fill:#17202e;stroke:#fff;stroke-width:1}
text{font:12px system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;fill:#17202e;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.country{font-weight:700;font-size:13px;letter-spacing:.06em}
.context{fill:#4b5566;font-weight:600}
.small{font-size:11px}
.sealabel{fill:#1d4e89;font-style:italic;stroke:#dcebf7}
.box{fill:#fff;stroke:#8b95a3;opacity:.94}
@media (prefers-color-scheme:dark){
.sea{fill:#0f2236}
.land{fill:#273244;stroke:#7d8899}
.key{fill:#4a4330;stroke:#b7c0cc}
.area{stroke:#fdba74}
.hatch{stroke:#fdba74}
.route{stroke:#ff8a7a}
.dot{fill:#e8edf5;stroke:#0e1520}
text{fill:#e8edf5;stroke:#0e1520}
.context{fill:#c3cbd8}
.sealabel{fill:#9cc3f2;stroke:#0f2236}
.box{fill:#172131;stroke:#7d8899}
}`;

const round = (n) => Math.round(n * 10) / 10;
const num = (n) => String(round(n));

/**
 * A geometry stream that drops points closer than `tolerance` pixels to the last point kept (the
 * last point of each line or ring is always kept), so a 1:50m border at this size stays small.
 */
function thinned(projection, tolerance) {
	return {
		stream(output) {
			let last;
			let pending;
			const thin = {
				point(x, y) {
					if (last && Math.hypot(x - last[0], y - last[1]) < tolerance) {
						pending = [x, y];
						return;
					}
					pending = undefined;
					last = [x, y];
					output.point(x, y);
				},
				lineStart() {
					last = pending = undefined;
					output.lineStart();
				},
				lineEnd() {
					if (pending) output.point(pending[0], pending[1]);
					last = pending = undefined;
					output.lineEnd();
				},
				polygonStart: () => output.polygonStart(),
				polygonEnd: () => output.polygonEnd(),
				sphere: () => output.sphere?.()
			};
			return projection.stream(thin);
		}
	};
}

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The SVG of one map, as a string. */
export function renderMap(id) {
	const spec = MAPS[id];
	const text = captions[id];
	if (!spec || !text) throw new Error(`no map "${id}" in scripts/make-maps.js and map-captions`);
	const height = text.height;
	const projection = spec
		.projection()
		.fitExtent(
			[
				[8, 8],
				[WIDTH - 8, height - 8]
			],
			{ type: 'MultiPoint', coordinates: spec.extent }
		)
		.clipExtent([
			[0, 0],
			[WIDTH, height]
		])
		.precision(0.5);
	const path = geoPath(thinned(projection, spec.tolerance ?? 0.8)).digits(1);
	const topology = atlas(spec.scale);
	const countries = feature(topology, topology.objects.countries).features.sort((a, b) =>
		String(a.properties.name).localeCompare(String(b.properties.name))
	);
	const key = new Set(spec.key);
	const drawn = countries
		.map((c) => ({ name: c.properties.name, d: path(c) }))
		.filter((c) => c.d && c.d.length > 0);
	const missing = spec.key.filter((name) => !drawn.some((c) => c.name === name));
	if (missing.length > 0) throw new Error(`${id}: no Natural Earth country ${missing.join(', ')}`);

	const at = (lonLat) => projection(lonLat).map(round);
	const lines = [];
	lines.push(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="t d">`,
		`<title id="t">${escape(text.title)}</title>`,
		`<desc id="d">${escape(text.description)} Boundaries: Natural Earth (public domain).</desc>`,
		`<style>${STYLE.replace(/\n/g, '')}</style>`,
		'<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line class="hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>',
		`<rect class="sea" width="${WIDTH}" height="${height}"/>`
	);
	for (const c of drawn.filter((c) => !key.has(c.name))) {
		lines.push(`<path class="land" d="${c.d}"><title>${escape(c.name)}</title></path>`);
	}
	for (const c of drawn.filter((c) => key.has(c.name))) {
		lines.push(`<path class="land key" d="${c.d}"><title>${escape(c.name)}</title></path>`);
	}
	for (const area of spec.areas) {
		lines.push(`<path class="area" d="${path({ type: 'Polygon', coordinates: [area.ring] })}"/>`);
	}
	for (const route of spec.routes) {
		const d = path({ type: 'LineString', coordinates: route.points });
		lines.push(`<path class="route${route.dashed ? ' dashed' : ''}" d="${d}"/>`);
	}
	for (const place of spec.places) {
		const [x, y] = at(place.at);
		if (place.dot !== false) lines.push(`<circle class="dot" cx="${x}" cy="${y}" r="3"/>`);
		const anchor = place.anchor && place.anchor !== 'start' ? ` text-anchor="${place.anchor}"` : '';
		lines.push(
			`<text x="${num(x + place.dx)}" y="${num(y + place.dy)}"${anchor}>${escape(place.name)}</text>`
		);
	}
	for (const area of spec.areas) {
		const [x, y] = at(area.labelAt);
		lines.push(
			`<text x="${x}" y="${y}" text-anchor="middle" font-weight="700">${escape(area.label)}</text>`
		);
	}
	for (const label of spec.labels) {
		const [x, y] = at(label.at);
		const classes = [
			label.sea ? 'sealabel' : 'country',
			label.context ? 'context' : '',
			label.small ? 'small' : ''
		].filter(Boolean);
		lines.push(
			`<text class="${classes.join(' ')}" x="${x}" y="${y}" text-anchor="${label.anchor ?? 'middle'}">${escape(label.text)}</text>`
		);
	}
	// The legend names each kind of line or area in words, so colour is never the only signal.
	const rows = spec.legend;
	const boxWidth = Math.max(...rows.map((r) => r.text.length)) * 6.2 + 44;
	const boxHeight = rows.length * 18 + 8;
	const x0 = spec.legendAt === 'right' ? WIDTH - boxWidth - 6 : 6;
	const y0 = height - boxHeight - 6;
	lines.push(
		`<g><rect class="box" x="${x0}" y="${y0}" width="${num(boxWidth)}" height="${boxHeight}" rx="4"/>`
	);
	rows.forEach((row, i) => {
		const y = y0 + 15 + i * 18;
		if (row.kind === 'area') {
			lines.push(`<rect class="area" x="${x0 + 8}" y="${y - 9}" width="24" height="11"/>`);
		} else {
			const dashed = row.kind === 'dashed' ? ' dashed' : '';
			lines.push(`<path class="route${dashed}" d="M${x0 + 8} ${y - 4}h24"/>`);
		}
		lines.push(`<text x="${x0 + 38}" y="${y}">${escape(row.text)}</text>`);
	});
	lines.push('</g>', '</svg>', '');
	return lines.join('\n');
}

/** The ids this script draws, in MAP_IDS order (read from src/lib/decks/maps.ts). */
export function mapIds() {
	const source = readFileSync(`${root}src/lib/decks/maps.ts`, 'utf8');
	const list = /MAP_IDS = \[([\s\S]*?)\]/.exec(source)?.[1] ?? '';
	return [...list.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	mkdirSync(`${root}static/maps`, { recursive: true });
	for (const id of mapIds()) {
		const svg = renderMap(id);
		writeFileSync(`${root}static/maps/${id}.svg`, svg);
		console.log(`static/maps/${id}.svg  ${(svg.length / 1024).toFixed(1)} KB`);
	}
}
