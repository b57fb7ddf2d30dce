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
	source: v.union([Text, v.pipe(TextList, v.minLength(1, 'needs at least one quote'))]),
	slip: v.optional(v.string())
};

const Basic = v.strictObject({ ...common, type: v.literal('basic'), prompt: Text, answer: Text });
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
	accepted: v.optional(TextList, [])
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

export const BankHeader = v.object({
	section: v.string('must name the section'),
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
			id: v.string(),
			section: v.string(),
			quote: Text,
			wrong: Text,
			note: Text
		})
	)
});

export const EntitiesFile = v.object({
	entities: v.array(
		v.strictObject({
			name: Text,
			kind: v.picklist(['treaty', 'organisation', 'initiative']),
			aliases: v.optional(TextList, [])
		})
	),
	notEntities: v.optional(TextList, [])
});

export type Theme = v.InferOutput<typeof ThemesFile>['themes'][number];
export type Slip = v.InferOutput<typeof SlipsFile>['slips'][number];
export type Entity = v.InferOutput<typeof EntitiesFile>['entities'][number];
