import { json } from '@sveltejs/kit';
import { getTimeline } from '$lib/server/timeline';

// Prerendered, so the service worker precaches it and the timeline view works offline.
export const prerender = true;

/** The essay's dated events in chronological order (`Timeline` in src/lib/decks/timeline.ts). */
export function GET() {
	return json(getTimeline());
}
