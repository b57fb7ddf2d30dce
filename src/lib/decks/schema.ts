import * as v from 'valibot';
import { SLUG } from './ids';

/** Text fields accept YAML numbers too (`answer: 1896`) and come out as trimmed strings. */
const Text = v.pipe(
	v.union([v.string(), v.number()]),
	v.transform((value) => String(value).trim()),
	v.nonEmpty('must not be empty')
);
const TextList = v.array(Text);

const common = {
	id: v.pipe(
		v.string('must be a string'),
		v.regex(SLUG, 'must be lower-case letters, digits and single hyphens'),
		v.check((id) => !id.startsWith('g-'), 'ids starting with "g-" are reserved for generated items')
	),
	section: v.optional(v.string()),
	tags: v.optional(v.array(v.string()), []),
	explanation: Text,
	/**
	 * One quote, or a list of quotes; an ordering item's entry may also be `{ section, quote }` for
	 * a quote from another section.
	 */
	source: v.union([
		Text,
		v.pipe(
			v.array(v.union([Text, v.strictObject({ section: v.string(), quote: Text })])),
			v.minLength(1, 'needs at least one quote')
		)
	]),
	slip: v.optional(v.string()),
	/** Ids of the bank's claims this item tests. */
	claims: v.optional(v.array(v.pipe(v.string(), v.regex(SLUG, 'must be a claim id'))), []),
	/** A reasoning item (why, how, what follows, which best explains); mcq only. */
	reasoning: v.optional(v.boolean('must be true or false')),
	/** The item teaches the real record beyond or against the essay. */
	beyond: v.optional(v.boolean('must be true or false')),
	/** A map id: `static/maps/<id>.svg`. */
	map: v.optional(v.pipe(v.string(), v.regex(SLUG, 'must be a map id')))
};

/** Key terms: each entry is one required term, alternatives separated by `|` ("Japan|Japanese"). */
const KeyTermList = v.optional(TextList);

const Basic = v.strictObject({
	...common,
	type: v.literal('basic'),
	prompt: Text,
	answer: Text,
	accepted: v.optional(TextList, []),
	keyTerms: KeyTermList
});
const Cloze = v.strictObject({
	...common,
	type: v.literal('cloze'),
	prompt: v.optional(Text),
	text: Text
});
const Mcq = v.strictObject({
	...common,
	type: v.literal('mcq'),
	prompt: Text,
	answer: Text,
	distractors: v.optional(TextList),
	options: v.optional(TextList)
});
const TrueFalse = v.strictObject({
	...common,
	type: v.literal('truefalse'),
	prompt: Text,
	answer: v.boolean('must be true or false'),
	correction: v.optional(Text)
});
const Typed = v.strictObject({
	...common,
	type: v.literal('typed'),
	prompt: Text,
	answer: Text,
	accepted: v.optional(TextList, []),
	keyTerms: KeyTermList
});
const Numeric = v.strictObject({
	...common,
	type: v.literal('numeric'),
	prompt: Text,
	answer: v.pipe(v.number('must be a number'), v.finite('must be finite')),
	unit: v.string('must be a string (may be empty)'),
	tolerance: v.pipe(v.number('must be a number'), v.minValue(0, 'must not be negative')),
	unitAliases: v.optional(TextList, [])
});
const Ordering = v.strictObject({
	...common,
	type: v.literal('ordering'),
	prompt: Text,
	events: TextList
});

export const ITEM_SCHEMAS = {
	basic: Basic,
	cloze: Cloze,
	mcq: Mcq,
	truefalse: TrueFalse,
	typed: Typed,
	numeric: Numeric,
	ordering: Ordering
} as const;

export type RawItem = v.InferOutput<(typeof ITEM_SCHEMAS)[keyof typeof ITEM_SCHEMAS]>;

/** A main claim of the essay's section: what its argument says, in one sentence. */
export const Claim = v.strictObject({
	id: v.pipe(v.string(), v.regex(SLUG, 'must be lower-case letters, digits and single hyphens')),
	text: Text
});

export const BankHeader = v.object({
	section: v.string('must name the section'),
	claims: v.optional(v.array(Claim), []),
	/** Ids of removed items: never used again by any item (students' schedules keep them). */
	retired: v.optional(
		v.array(v.pipe(v.string('must be an id'), v.regex(SLUG, 'must be an item id'))),
		[]
	),
	suppress: v.optional(v.array(v.string()), []),
	items: v.array(v.unknown(), 'must be a list of items')
});

export const ThemesFile = v.object({
	themes: v.array(
		v.strictObject({
			id: v.pipe(v.string(), v.regex(SLUG, 'must be a slug')),
			title: Text,
			description: Text
		})
	)
});

export const SlipsFile = v.object({
	slips: v.array(
		v.strictObject({
			id: v.pipe(v.string(), v.regex(SLUG, 'must be a slug')),
			section: v.string(),
			/** The whole erring sentence, exactly as in the essay. */
			quote: Text,
			/** The slipped wording(s): no card may give one as its correct answer. */
			wrong: v.union([
				v.pipe(
					Text,
					v.transform((w) => [w])
				),
				v.pipe(TextList, v.minLength(1))
			]),
			/** The real fact in a few words; the explanation of every card citing the slip states it. */
			right: Text,
			/** What the essay says, what is wrong with it and the real record. */
			note: Text,
			/** Where the real fact comes from, source-style. */
			reference: Text
		})
	)
});

export const EntitiesFile = v.object({
	entities: v.array(
		v.strictObject({
			name: Text,
			/**
			 * What the entity is; generated clozes take distractors of the same kind. A person is no
			 * fact to test or blank; the names serve accepted answers.
			 */
			kind: v.picklist([
				'treaty',
				'organisation',
				'initiative',
				'company',
				'party',
				'agency',
				'person'
			]),
			aliases: v.optional(TextList, [])
		})
	),
	notEntities: v.optional(TextList, [])
});

export type Theme = v.InferOutput<typeof ThemesFile>['themes'][number];
export type Slip = v.InferOutput<typeof SlipsFile>['slips'][number];
export type Entity = v.InferOutput<typeof EntitiesFile>['entities'][number];
