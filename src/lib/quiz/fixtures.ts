import type {
	BasicCard,
	ClozeCard,
	McqCard,
	NumericCard,
	OrderingCard,
	TrueFalseCard,
	TypedCard
} from '$lib/decks/types';

/** Test cards: fixed data in the shape of the real decks, for the quiz specs. */
const base = (id: string, answer: string) => ({
	id,
	section: 'history' as const,
	tags: [],
	prompt: `Prompt of ${id}`,
	answer,
	explanation: '',
	source: { section: 'history' as const, quote: '' },
	generated: false,
	hash: id
});

export const typedCard = (answer: string, accepted: string[] = [], id = 'typed-1'): TypedCard => ({
	...base(id, answer),
	type: 'typed',
	accepted
});

export const basicCard = (answer: string, id = 'basic-1'): BasicCard => ({
	...base(id, answer),
	type: 'basic'
});

export const clozeCard = (blanks: [string, ...string[]][], id = 'cloze-1'): ClozeCard => ({
	...base(id, blanks.map(([a]) => a).join(', ')),
	type: 'cloze',
	text: blanks.map((_, i) => `{{${i + 1}}}`).join(' and '),
	blanks: blanks.map(([answer, ...accepted]) => ({ answer, accepted }))
});

export const mcqCard = (options: string[], id = 'mcq-1'): McqCard => ({
	...base(id, options[0]!),
	type: 'mcq',
	options
});

export const trueFalseCard = (statementIsTrue: boolean, id = 'tf-1'): TrueFalseCard => ({
	...base(id, statementIsTrue ? 'True' : 'False'),
	type: 'truefalse',
	statementIsTrue
});

export const numericCard = (
	value: number,
	unit: string,
	unitAliases: string[] = [],
	tolerance = 0,
	id = 'numeric-1'
): NumericCard => ({
	...base(id, `${value} ${unit}`),
	type: 'numeric',
	value,
	unit,
	tolerance,
	unitAliases
});

export const orderingCard = (events: string[], id = 'ordering-1'): OrderingCard => ({
	...base(id, events.join(', ')),
	type: 'ordering',
	events,
	quotes: []
});

/** The unit and aliases of the real gas-deal card (questions/banks/economic-landscape.yaml). */
export const GAS = numericCard(38, 'billion cubic meters', [
	'bcm',
	'billion cubic metres',
	'billion m3',
	'billion m³'
]);
export const TRADE = numericCard(69.6, 'billion US dollars', [
	'billion USD',
	'billion dollars',
	'bn USD'
]);
export const SHARE = numericCard(10.9, '%', ['percent', 'per cent']);
export const YEARS = numericCard(15, 'years', ['year', 'yrs']);
export const PEOPLE = numericCard(141, 'million people', ['million', 'm', 'mn']);
export const PIPELINE = numericCard(1.3, 'trillion cubic feet', ['tcf']);
