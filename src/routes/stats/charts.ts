import { LazyModule } from '$lib/lazy-module.svelte';

/**
 * The statistics' charts (and d3, two thirds of the page's script), in a chunk of their own: the
 * page's load starts the import as soon as the read knows there is something to draw, so the
 * code arrives while the rest of storage is read; the page waits for it to draw. A first visit,
 * with nothing to chart, neither downloads nor runs it.
 */
export const charts = new LazyModule(() => import('./Charts.svelte').then((m) => m.default));
