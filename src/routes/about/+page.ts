import type { Essay } from '$lib/decks/essay';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	const response = await fetch('/essay.json');
	const essay: Omit<Essay, 'sections'> & {
		sections: Pick<Essay['sections'][number], 'slug' | 'title'>[];
	} = await response.json();
	return { essay };
};
