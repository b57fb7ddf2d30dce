import { json } from '@sveltejs/kit';
import { getDecks } from '$lib/server/decks';

export const prerender = true;

/** The essay as parsed: attribution, introduction, sections with sentence ids, works cited. */
export function GET() {
	const { meta, intro, sections, references } = getDecks().essay;
	return json({
		meta,
		intro,
		sections: sections.map(({ slug, title, paragraphs }) => ({ slug, title, paragraphs })),
		references
	});
}
