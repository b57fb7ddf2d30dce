import { fetchDeckIndex } from '$lib/content/fetch';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({ index: await fetchDeckIndex(fetch) });
