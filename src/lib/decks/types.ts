/** The stable slugs of the essay's study sections, in the essay's order. */
export const SECTION_SLUGS = [
	'history',
	'political-landscape',
	'geographical-landscape',
	'economic-landscape',
	'bri-role',
	'competition',
	'collaboration',
	'risk-benefit',
	'conclusion'
] as const;

export type SectionSlug = (typeof SECTION_SLUGS)[number];

export const CARD_TYPES = [
	'basic',
	'cloze',
	'mcq',
	'truefalse',
	'typed',
	'numeric',
	'ordering'
] as const;

export type CardType = (typeof CARD_TYPES)[number];

export interface EssayMeta {
	title: string;
	author: string;
	publisher: string;
	date: string;
}

export interface SourceRef {
	section: SectionSlug;
	quote: string;
}

interface CardBase {
	id: string;
	section: SectionSlug;
	tags: string[];
	prompt: string;
	/** The correct answer as display text, whatever the type. */
	answer: string;
	explanation: string;
	source: SourceRef;
	generated: boolean;
	/** Changes whenever the card's content changes; the id does not. */
	hash: string;
	/** The slip in `questions/slips.yaml` this card's source sentence holds, if any. */
	slip?: string;
	/** Every slip the card's sources hold, when there is more than one (`slip` is the first). */
	slips?: string[];
	/** Ids of the essay's claims (declared in the banks) that this card tests. */
	claims?: string[];
	/** A reasoning item: asks why, how, what follows or compares the two sides (always an mcq). */
	reasoning?: true;
	/** Teaches the real record beyond (or against) what the essay says; shown with a label. */
	beyondEssay?: true;
	/** The id of a map (`static/maps/<id>.svg`) that shows where the card's answer lies. */
	map?: string;
}

/**
 * Key terms a free answer must contain to be right, in any order: each term is a list of
 * alternatives (`["Japan", "Japanese"]`), every term must be present (typos forgiven per term).
 */
export type KeyTerms = string[][];

export interface BasicCard extends CardBase {
	type: 'basic';
	/** Other answers a grader accepts when the card is asked as a typed question. */
	accepted?: string[];
	keyTerms?: KeyTerms;
}
export interface ClozeBlank {
	answer: string;
	accepted: string[];
}
export interface ClozeCard extends CardBase {
	type: 'cloze';
	/** The sentence with blanks written as `{{1}}`, `{{2}}`... (1-based indexes into `blanks`). */
	text: string;
	blanks: ClozeBlank[];
	/** Same-kind wrong answers for a generated cloze (one blank). */
	distractors?: string[];
}
export interface McqCard extends CardBase {
	type: 'mcq';
	/** The correct option first, then the distractors; the quiz shuffles them. */
	options: string[];
}
export interface TrueFalseCard extends CardBase {
	type: 'truefalse';
	statementIsTrue: boolean;
	correction?: string;
}
export interface TypedCard extends CardBase {
	type: 'typed';
	accepted: string[];
	keyTerms?: KeyTerms;
}
export interface NumericCard extends CardBase {
	type: 'numeric';
	value: number;
	unit: string;
	tolerance: number;
	unitAliases: string[];
}
export interface OrderingCard extends CardBase {
	type: 'ordering';
	/** In the correct (chronological) order. */
	events: string[];
	quotes: string[];
	/**
	 * The section of each quote, parallel to `quotes` (a timeline may span sections). Absent in
	 * decks compiled before it existed: then every quote is in the card's section.
	 */
	quoteSections?: SectionSlug[];
}

export type Card =
	BasicCard | ClozeCard | McqCard | TrueFalseCard | TypedCard | NumericCard | OrderingCard;

export type DeckKind = 'section' | 'theme' | 'all';

export interface DeckSummary {
	id: string;
	title: string;
	description: string;
	kind: DeckKind;
	cardCount: number;
	hash: string;
}

/** A named treaty, organisation, initiative or person, with the other names it goes by. */
export interface DeckEntity {
	name: string;
	kind: 'treaty' | 'organisation' | 'initiative' | 'person' | 'company' | 'party' | 'agency';
	aliases: string[];
}

export interface Deck extends Omit<DeckSummary, 'cardCount'> {
	cards: Card[];
	/** The entities of questions/entities.yaml that the deck's cards name. */
	entities?: DeckEntity[];
}

/**
 * A card as `/decks/card-index.json` lists it: its id and what places it in decks. A card's
 * section is also its source's (`source.section`), by the compiler's construction.
 */
export type CardIndexEntry = Pick<Card, 'id' | 'section' | 'tags'>;

export interface DeckIndex {
	essay: EssayMeta;
	decks: DeckSummary[];
}

/** A card before its content hash is computed. */
export type CardContent = {
	[K in CardType]: Omit<Extract<Card, { type: K }>, 'hash'>;
}[CardType];
