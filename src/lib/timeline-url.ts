// Kept apart from src/lib/decks/timeline.ts (the compiler, with YAML and valibot) so that the deck
// page's browser code imports only these two strings.

/** Where the compiled timeline is served (src/routes/timeline.json): prerendered and precached. */
export const TIMELINE_URL = '/timeline.json';

/** The deck whose page shows the timeline view. */
export const TIMELINE_DECK = 'timeline';
