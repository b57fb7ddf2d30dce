// Where the app's prerendered content is served. Plain strings, so that the server's preload
// hints and the browser's page loads name the same files, and a browser page that needs only a
// URL does not pull in the deck compiler.

/** The list of decks with the essay's attribution (src/routes/decks/index.json). */
export const DECK_INDEX_URL = '/decks/index.json';

/** A deck's JSON (`all` is the deck of the whole essay). */
export const deckUrl = (id: string) => `/decks/${id}.json`;

/** Every card's id, section and tags (src/routes/decks/card-index.json). */
export const CARD_INDEX_URL = '/decks/card-index.json';

/** The parsed essay (src/routes/essay.json). */
export const ESSAY_URL = '/essay.json';

/** The whole essay deck's cards as the reader cites them (src/routes/essay/cards.json). */
export const ESSAY_CARDS_URL = '/essay/cards.json';

/** The compiled timeline (src/routes/timeline.json). */
export const TIMELINE_URL = '/timeline.json';

/** The deck whose page shows the timeline view. */
export const TIMELINE_DECK = 'timeline';
