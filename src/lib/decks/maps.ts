/**
 * The maps a card may show (`map:` in a bank item), each drawn from Natural Earth boundaries to
 * `static/maps/<id>.svg` by `node scripts/make-maps.js`.
 */
export const MAP_IDS = [
	'fergana-valley',
	'power-of-siberia',
	'meridian-highway',
	'northern-sea-route'
] as const;

export type MapId = (typeof MAP_IDS)[number];

/** The URL of a map's SVG. */
export const mapUrl = (id: string) => `/maps/${id}.svg`;
