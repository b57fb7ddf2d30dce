import { fetchJson } from '$lib/content/fetch';
import { ESSAY_URL } from '$lib/content/urls';
import type { Essay } from '$lib/essay/parse';
import type { PageLoad } from './$types';

/** What About shows of `/essay.json`: the attribution, introduction, section titles and works cited. */
type EssayOutline = Omit<Essay, 'sections'> & {
	sections: Pick<Essay['sections'][number], 'slug' | 'title'>[];
};

export const load: PageLoad = async ({ fetch }) => ({
	essay: await fetchJson<EssayOutline>(fetch, ESSAY_URL, 'The essay')
});
