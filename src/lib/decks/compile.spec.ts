import { withEntityNames } from './cards';
import { describe, expect, it } from 'vitest';
import {
	buildDecks,
	MIN_REASONING_PER_SECTION,
	MIN_REASONING_TOTAL,
	type CompileOptions,
	type QuestionSources
} from './compile';
import { compileFixture, FIXTURE_OPTIONS, fixtureSources } from './fixtures';
import { DeckCompileError, type BankIssue } from './issues';

const SOURCE = 'source: In 1891, the construction of the Trans-Siberian Railway began';

/** A bank with one item whose body is `body` (indented fields, without id). */
function bank(body: string, section = 'history'): string {
	return `section: ${section}\nitems:\n  - id: bad-item\n${body
		.trim()
		.split('\n')
		.map((l) => '    ' + l.trim())
		.join('\n')}\n`;
}

function issuesOfSources(sources: QuestionSources, options: CompileOptions = FIXTURE_OPTIONS) {
	return buildDecks(sources, options).issues;
}

function issuesOf(extra: Record<string, string>): BankIssue[] {
	return issuesOfSources(fixtureSources(extra));
}

const basic = (extra = '') =>
	bank(`type: basic\nprompt: Q?\nanswer: A\nexplanation: E.\n${SOURCE}\n${extra}`);

const BAD_BANKS: {
	rule: string;
	file: string;
	text: string;
	line: number | undefined;
	id: string | undefined;
}[] = [
	{
		rule: 'yaml-syntax',
		file: 'bad.yaml',
		text: 'section: history\nitems:\n  - id: [unclosed\n',
		line: 4,
		id: undefined
	},
	{
		rule: 'bank-format',
		file: 'bad.yaml',
		text: 'section: history\n',
		line: undefined,
		id: undefined
	},
	{
		rule: 'unknown-section',
		file: 'bad.yaml',
		text: basic().replace('section: history', 'section: nowhere'),
		line: 1,
		id: undefined
	},
	{
		rule: 'unknown-section',
		file: 'bad.yaml',
		text: basic('section: nowhere'),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'duplicate-id',
		file: 'zz-bad.yaml',
		text: basic().replace('bad-item', 'hist-railway-year'),
		line: 3,
		id: 'hist-railway-year'
	},
	{
		rule: 'unknown-type',
		file: 'bad.yaml',
		text: bank(`type: essay\nprompt: Q?\nexplanation: E.\n${SOURCE}`),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'empty-prompt',
		file: 'bad.yaml',
		text: basic().replace('prompt: Q?', 'prompt: "  "'),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'missing-field',
		file: 'bad.yaml',
		text: basic().replace('    answer: A\n', ''),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'unknown-field',
		file: 'bad.yaml',
		text: basic('hint: no such field'),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'invalid-field',
		file: 'bad.yaml',
		text: basic().replace('bad-item', 'Bad_Item'),
		line: 3,
		id: 'Bad_Item'
	},
	{
		rule: 'invalid-field',
		file: 'bad.yaml',
		text: basic().replace('bad-item', 'g-reserved'),
		line: 3,
		id: 'g-reserved'
	},
	{
		rule: 'quote-not-found',
		file: 'bad.yaml',
		text: basic().replace('began', 'ended'),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'quote-not-found',
		file: 'bad.yaml',
		text: basic('section: conclusion'),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'unknown-tag',
		file: 'bad.yaml',
		text: basic('tags: [no-such-theme]'),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'answer-missing-from-options',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nprompt: When?\nanswer: "1891"\noptions: ["1896", "1905", "1917", "1920"]\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'answer-among-distractors',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nprompt: When?\nanswer: "1891"\ndistractors: ["1891", "1905", "1917"]\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'duplicate-options',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nprompt: When?\nanswer: "1891"\ndistractors: ["1905", "1905", "1917"]\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'too-few-distractors',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nprompt: When?\nanswer: "1891"\ndistractors: ["1905", "1917"]\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'distractor-kind',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nprompt: When?\nanswer: "1891"\ndistractors: ["1905", "1917", "Gorbachev"]\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'distractor-kind',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nprompt: How much?\nanswer: $200 billion\ndistractors: [$100 billion, $300 billion, a great deal]\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'false-without-correction',
		file: 'bad.yaml',
		text: bank(
			`type: truefalse\nprompt: It began in 1900.\nanswer: false\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'invalid-field',
		file: 'bad.yaml',
		text: bank(
			`type: truefalse\nprompt: It began in 1891.\nanswer: "yes"\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'cloze-without-blank',
		file: 'bad.yaml',
		text: bank(`type: cloze\ntext: No blank here\nexplanation: E.\n${SOURCE}`),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'empty-blank',
		file: 'bad.yaml',
		text: bank(`type: cloze\ntext: "In {{ }}, it began"\nexplanation: E.\n${SOURCE}`),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'invalid-field',
		file: 'bad.yaml',
		text: bank(
			`type: numeric\nprompt: When?\nanswer: soon\nunit: ""\ntolerance: 0\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'invalid-field',
		file: 'bad.yaml',
		text: bank(
			`type: numeric\nprompt: When?\nanswer: 1891\nunit: ""\ntolerance: -1\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'ordering-event-count',
		file: 'bad.yaml',
		text: bank(
			`type: ordering\nprompt: Order these.\nevents: [a, b, c]\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'ordering-event-count',
		file: 'bad.yaml',
		text: bank(
			`type: ordering\nprompt: Order these.\nevents: [a, b, c, d, e, f, g]\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'duplicate-events',
		file: 'bad.yaml',
		text: bank(
			`type: ordering\nprompt: Order these.\nevents: [a, b, c, a]\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'empty-explanation',
		file: 'bad.yaml',
		text: basic().replace('explanation: E.', 'explanation: ""'),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'slip-not-named',
		file: 'bad.yaml',
		text: bank(
			'type: basic\nprompt: What is the 2024 target?\nanswer: $200 billion\nexplanation: The essay has a slip.\nsource: raise trade to $200 Million by 2024',
			'risk-benefit'
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'drills-slip',
		file: 'bad.yaml',
		text: bank(
			'type: basic\nprompt: What is the 2024 target?\nanswer: $200 Million\nslip: trade-target-unit\nexplanation: The essay has a slip.\nsource: raise trade to $200 Million by 2024',
			'risk-benefit'
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'slip-not-explained',
		file: 'bad.yaml',
		text: bank(
			'type: basic\nprompt: What is the 2024 target?\nanswer: $200 billion\nslip: trade-target-unit\nexplanation: It is 200.\nsource: raise trade to $200 Million by 2024',
			'risk-benefit'
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'slip-not-framed',
		file: 'bad.yaml',
		text: bank(
			'type: basic\nprompt: What is the 2024 target?\nanswer: $200 billion\nslip: trade-target-unit\nexplanation: The real target is $200 billion.\nsource: raise trade to $200 Million by 2024',
			'risk-benefit'
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'unknown-slip',
		file: 'bad.yaml',
		text: basic('slip: no-such-slip'),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'unknown-slip',
		file: 'bad.yaml',
		text: basic('slip: [trade-target-unit, no-such-slip]'),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'slip-not-cited',
		file: 'bad.yaml',
		text: basic('slip: trade-target-unit'),
		line: 3,
		id: 'bad-item'
	},
	{ rule: 'unknown-map', file: 'bad.yaml', text: basic('map: atlantis'), line: 3, id: 'bad-item' },
	{
		rule: 'beyond-not-contrasted',
		file: 'bad.yaml',
		text: basic('beyond: true'),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'reasoning-not-mcq',
		file: 'bad.yaml',
		text:
			'claims:\n  - { id: c-one, text: A claim. }\n' + basic('reasoning: true\nclaims: [c-one]'),
		line: 5,
		id: 'bad-item'
	},
	{
		rule: 'reasoning-without-claims',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nreasoning: true\nprompt: Why did it begin?\nanswer: To reach the Pacific\ndistractors: [To reach Europe, To reach India, To reach Persia]\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'unknown-claim',
		file: 'bad.yaml',
		text: basic('claims: [no-such-claim]'),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'duplicate-claim',
		file: 'zz-bad.yaml',
		text:
			'claims:\n  - { id: c-one, text: A claim. }\n  - { id: c-one, text: Again. }\n' +
			basic('claims: [c-one]'),
		line: 3,
		id: 'c-one'
	},
	{
		rule: 'claim-untested',
		file: 'bad.yaml',
		text: 'claims:\n  - { id: c-lonely, text: Nobody tests this. }\n' + basic(),
		line: 2,
		id: 'c-lonely'
	},
	{
		rule: 'truefalse-absolute',
		file: 'bad.yaml',
		text: bank(
			`type: truefalse\nprompt: Construction of the railway only began in 1891.\nanswer: true\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'by-when-stem',
		file: 'bad.yaml',
		text: bank(
			`type: typed\nprompt: By what year had construction of the railway begun?\nanswer: "1891"\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'by-when-stem',
		file: 'bad.yaml',
		text: bank(
			'type: cloze\ntext: Both plan to raise trade by {{2024}}\nslip: trade-target-unit\nbeyond: true\nexplanation: Unlike the essay, $200 billion.\nsource: Both plan to raise trade to $200 Million by 2024',
			'risk-benefit'
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'equivalent-distractor',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nprompt: How long after 1891 did the treaty come?\nanswer: five years\ndistractors: ["5 years", "ten years", "two years"]\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'cloze-giveaway',
		file: 'bad.yaml',
		text: bank(
			'type: cloze\ntext: In 1891 the {{Trans-Siberian Railway}} began; the Trans-Siberian Railway reached China.\nexplanation: E.\nsource: In 1891, the construction of the Trans-Siberian Railway began'
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'duplicate-card',
		file: 'zz-bad.yaml',
		text: bank(
			`type: typed\nprompt: In which year did construction of the railway begin?\nanswer: "1891"\nexplanation: E.\n${SOURCE}`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'sentence-cap',
		file: 'zz-bad.yaml',
		text: `section: history\nitems:\n${[1, 2, 3].map((n) => `  - { id: cap-${n}, type: basic, prompt: Why ${n}?, answer: Reason ${n}, explanation: E., source: The Cold War followed much later. }`).join('\n')}\n  - { id: cap-4, type: basic, prompt: Why 4?, answer: Reason 4, explanation: E., source: The Cold War followed }\n  - { id: cap-5, type: basic, prompt: Why 5?, answer: Reason 5, explanation: E., source: followed much later. }\n`,
		line: 7,
		id: 'cap-5'
	},
	{
		rule: 'source-section-not-ordering',
		file: 'bad.yaml',
		text: bank(
			`type: basic\nprompt: Q?\nanswer: A\nexplanation: E.\nsource:\n  - { section: history, quote: The Cold War followed much later. }`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'quote-not-found',
		file: 'bad.yaml',
		text: bank(
			`type: ordering\nprompt: Order these.\nevents: [a, b, c, d]\nexplanation: E.\nsource:\n  - The Cold War followed much later.\n  - { section: conclusion, quote: The Cold War followed much later. }`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'source-outside-section',
		file: 'bad.yaml',
		text: bank(
			`type: ordering\nprompt: Order these.\nevents: [a, b, c, d]\nexplanation: E.\nsource:\n  - { section: conclusion, quote: relations between the two neighbours }`
		),
		line: 3,
		id: 'bad-item'
	},
	{
		rule: 'retired-id-reused',
		file: 'bad.yaml',
		text: 'retired: [bad-item]\n' + basic(),
		line: 4,
		id: 'bad-item'
	},
	{
		rule: 'retired-id-reused',
		file: 'zz-bad.yaml',
		text: basic().replace('bad-item', 'hist-old-railway'),
		line: 3,
		id: 'hist-old-railway'
	},
	{
		rule: 'duplicate-retired',
		file: 'zz-bad.yaml',
		text: 'retired: [hist-old-railway]\n' + basic(),
		line: 1,
		id: 'hist-old-railway'
	},
	{
		rule: 'bank-format',
		file: 'bad.yaml',
		text: 'retired: [Not_An_Id]\n' + basic(),
		line: undefined,
		id: undefined
	},
	{
		rule: 'unknown-suppress',
		file: 'bad.yaml',
		text: 'suppress: [g-history-year-9999]\n' + basic(),
		line: undefined,
		id: undefined
	}
];

describe('distractor kinds', () => {
	it('lets a sentence answer that mentions a year stand among sentences without one', () => {
		const text = bank(
			`type: mcq\nprompt: Why?\nanswer: Because the railway began in 1891 and needed a shortcut\ndistractors: [Because the tsar wanted a port, Because Japan asked for it, Because trade had collapsed]\nexplanation: E.\n${SOURCE}`
		);
		const issues = issuesOf({ 'questions/banks/ok.yaml': text });
		expect(issues.filter((i) => i.rule === 'distractor-kind')).toEqual([]);
	});
});

describe('slips named by an item', () => {
	it('accepts a list of slips', () => {
		const sources = fixtureSources({
			'questions/banks/risk.yaml': bank(
				'type: basic\nprompt: According to the essay, what is the 2024 target?\nanswer: $200 billion\nslip: [trade-target-unit]\nexplanation: The essay says $200 Million; the real target is $200 billion.\nsource: raise trade to $200 Million by 2024',
				'risk-benefit'
			)
		});
		const issues = issuesOfSources(sources);
		expect(issues.filter((i) => i.rule.includes('slip'))).toEqual([]);
	});
});

describe('compileDecks rejects a bad bank, naming file, line, item and rule', () => {
	it.each(BAD_BANKS)('$rule', ({ rule, file, text, line, id }) => {
		const issues = issuesOf({ [`questions/banks/${file}`]: text });
		const match = issues.find((i) => i.rule === rule);
		expect(match, JSON.stringify(issues)).toBeDefined();
		expect(match?.file).toBe(`questions/banks/${file}`);
		expect(match?.line).toBe(line);
		expect(match?.itemId).toBe(id);
	});

	it('names the item id and the line of the broken item', () => {
		const issues = issuesOf({ 'questions/banks/bad.yaml': basic().replace('began', 'ended') });
		expect(issues).toEqual([
			expect.objectContaining({
				file: 'questions/banks/bad.yaml',
				line: 3,
				itemId: 'bad-item',
				rule: 'quote-not-found'
			})
		]);
	});

	it('reports every problem at once and its message lists them', () => {
		const text = basic().replace('began', 'ended') + '  - id: second\n    type: essay\n';
		let error: unknown;
		try {
			compileFixture(fixtureSources({ 'questions/banks/bad.yaml': text }));
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(DeckCompileError);
		const message = (error as Error).message;
		expect(message).toContain('questions/banks/bad.yaml:3 [bad-item] quote-not-found');
		expect(message).toContain('[second] unknown-type');
	});

	it('rejects a released id that is neither an item nor retired, naming its line', () => {
		const sources = fixtureSources();
		sources.released += 'hist-vanished\n';
		let issues: BankIssue[] = [];
		try {
			compileFixture(sources);
		} catch (error) {
			issues = (error as DeckCompileError).issues;
		}
		expect(issues).toEqual([
			expect.objectContaining({
				file: 'questions/released-ids.txt',
				line: 6,
				itemId: 'hist-vanished',
				rule: 'released-id-dropped'
			})
		]);
	});

	it('accepts a retired released id and exempts generated ids', () => {
		const sources = fixtureSources();
		sources.released += 'g-history-year-1066\n';
		expect(() => compileFixture(sources)).not.toThrow();
		sources.banks[0]!.text = sources.banks[0]!.text.replace('retired: [hist-old-railway]\n', '');
		expect(() => compileFixture(sources)).toThrow(/released-id-dropped: "hist-old-railway"/);
	});

	it('rejects a slip whose quote is not one whole sentence of its section', () => {
		const sources = fixtureSources();
		sources.slips = sources.slips.replace(
			'quote: Both plan to raise trade to $200 Million by 2024 through many joint projects.',
			'quote: raise trade to $200 Million by 2024'
		);
		expect(issuesOfSources(sources)).toEqual([
			expect.objectContaining({
				file: 'questions/slips.yaml',
				line: 2,
				itemId: 'trade-target-unit',
				rule: 'slip-not-sentence'
			})
		]);
	});

	it('accepts a true/false absolute word that the source itself uses', () => {
		const item = (source: string) =>
			bank(
				`type: truefalse\nprompt: The Cold War followed only much later.\nanswer: true\nexplanation: E.\nsource: ${source}`
			);
		// the essay without the word: the statement's "only" is a cue
		const plain = issuesOf({
			'questions/banks/bad.yaml': item('The Cold War followed much later.')
		});
		expect(plain.map((i) => [i.rule, i.file, i.line, i.itemId])).toEqual([
			['truefalse-absolute', 'questions/banks/bad.yaml', 3, 'bad-item']
		]);
		// an essay whose sentence says "only", quoted as the source: the word is the essay's own
		const sources = fixtureSources({
			'questions/banks/bad.yaml': item('The Cold War followed only much later.')
		});
		sources.essay = sources.essay.replace(
			'The Cold War followed much later.',
			'The Cold War followed only much later.'
		);
		expect(sources.essay).toContain('The Cold War followed only much later.');
		expect(issuesOfSources(sources)).toEqual([]);
	});

	it('requires enough reasoning items per section and in all', () => {
		const issues = issuesOfSources(fixtureSources(), {
			minReasoningPerSection: 1,
			minReasoningTotal: 2
		});
		const reasoning = issues.filter((i) => i.rule === 'too-few-reasoning');
		expect(reasoning).toHaveLength(10);
		expect(reasoning[0]).toMatchObject({ file: 'questions/banks/history.yaml', line: 1 });
		expect(reasoning.at(-1)?.message).toBe('0 reasoning items in all; at least 2 are needed');
		expect(MIN_REASONING_PER_SECTION).toBe(4);
		expect(MIN_REASONING_TOTAL).toBe(45);
	});

	it('rejects a theme that no card uses', () => {
		const sources = fixtureSources();
		sources.decks += '  - id: empty-theme\n    title: Empty\n    description: Nothing here.\n';
		expect(issuesOfSources(sources)).toEqual([
			{
				file: 'questions/decks.yaml',
				rule: 'empty-theme',
				message: 'no card is tagged "empty-theme"'
			}
		]);
	});
});

describe('compileDecks builds decks', () => {
	it('makes one deck per section, per theme and one with everything', () => {
		const { index, decks } = compileFixture(fixtureSources());
		expect(index.essay).toEqual({
			title: 'Test Essay',
			author: 'A. Writer',
			publisher: 'Test Press',
			date: 'May 2021'
		});
		expect(index.decks.filter((d) => d.kind === 'section')).toHaveLength(9);
		const theme = decks.find((d) => d.id === 'relations-history');
		expect(theme?.cards.every((c) => c.tags.includes('relations-history'))).toBe(true);
		expect(theme?.cards.map((c) => c.id)).toContain('hist-railway-year');
		const all = decks.find((d) => d.id === 'all');
		expect(all?.cards.length).toBe(
			decks.filter((d) => d.kind === 'section').reduce((n, d) => n + d.cards.length, 0)
		);
	});

	it('gives every card the display answer and the fields its type needs', () => {
		const { decks } = compileFixture(fixtureSources());
		const history = decks.find((d) => d.id === 'history');
		const mcq = history?.cards.find((c) => c.id === 'hist-railway-year');
		expect(mcq).toMatchObject({
			type: 'mcq',
			answer: '1891',
			options: ['1891', '1896', '1905', '1917'],
			generated: false
		});
		const cloze = history?.cards.find((c) => c.id === 'hist-treaty-year');
		expect(cloze).toMatchObject({
			type: 'cloze',
			prompt: 'prompting a treaty in [...] between the two empires',
			answer: '1896',
			text: 'prompting a treaty in {{1}} between the two empires',
			source: { section: 'history', quote: 'prompting a treaty in 1896 between the two empires' }
		});
	});

	it('lets an ordering item quote several sections and gives the card each quote with its section', () => {
		const timeline = bank(
			`type: ordering\nprompt: Order these.\nevents: [a, b, c, d]\nexplanation: E.\nsource:\n  - The Cold War followed much later.\n  - { section: risk-benefit, quote: Bilateral trade grew from $69.6 Billion in 2016 }`
		);
		const { decks } = compileFixture(fixtureSources({ 'questions/banks/timeline.yaml': timeline }));
		const card = decks.find((d) => d.id === 'all')?.cards.find((c) => c.id === 'bad-item');
		expect(card).toMatchObject({
			type: 'ordering',
			section: 'history',
			source: { section: 'history', quote: 'The Cold War followed much later.' },
			quotes: [
				'The Cold War followed much later.',
				'Bilateral trade grew from $69.6 Billion in 2016'
			],
			quoteSections: ['history', 'risk-benefit']
		});
	});

	it('adds every name and alias of an entity to the accepted answers of a card answering with it', () => {
		const sources = fixtureSources({
			'questions/banks/collaboration.yaml': `section: collaboration
items:
  - id: collab-who
    type: typed
    tags: [relations-history]
    prompt: Which Chinese leader does the essay quote on the partnership?
    answer: Xi Jin Ping
    explanation: The essay spells the name Xi Jin Ping.
    source: says Xi Jin Ping
  - id: collab-who-card
    type: basic
    prompt: Who speaks of trust between both neighbours?
    answer: Xi Jinping
    accepted: [President Xi]
    explanation: The Chinese president.
    source: says Xi Jin Ping
  - id: collab-who-cloze
    type: cloze
    text: rests on trust between both neighbours, says {{Xi Jin Ping}}
    explanation: The Chinese president.
    source: rests on trust between both neighbours, says Xi Jin Ping
`
		});
		// three cards on one answer from one sentence are duplicates: built, not compiled
		const { compiled, issues } = buildDecks(sources, FIXTURE_OPTIONS);
		expect(new Set(issues.map((i) => i.rule))).toEqual(new Set(['duplicate-card']));
		const cards = compiled!.decks.find((d) => d.id === 'collaboration')!.cards;
		const card = (id: string) => cards.find((c) => c.id === id);
		expect(card('collab-who')).toMatchObject({ accepted: ['Xi Jinping', 'Xi'] });
		expect(card('collab-who-card')).toMatchObject({
			accepted: ['President Xi', 'Xi Jin Ping', 'Xi']
		});
		expect(card('collab-who-cloze')).toMatchObject({
			blanks: [{ answer: 'Xi Jin Ping', accepted: ['Xi Jinping', 'Xi'] }]
		});
	});

	it('does not accept a name the prompt itself shows (an acronym asked to be spelt out)', () => {
		const entities = [
			{ name: 'Eurasian Economic Union', kind: 'organisation' as const, aliases: ['EEU', 'EAEU'] }
		];
		expect(
			withEntityNames('Eurasian Economic Union', [], entities, 'What does "EEU" stand for?')
		).toEqual(['EAEU']);
		expect(withEntityNames('Eurasian Economic Union', [], entities, 'Which union?')).toEqual([
			'EEU',
			'EAEU'
		]);
	});

	it('keeps a card id and changes its hash when the item is reworded', () => {
		const before = compileFixture(fixtureSources()).decks.find((d) => d.id === 'history');
		const reworded = fixtureSources();
		reworded.banks[0]!.text = reworded.banks[0]!.text.replace(
			'When did construction of the great railway begin?',
			'In which year did work on the Trans-Siberian Railway start?'
		);
		const after = compileFixture(reworded).decks.find((d) => d.id === 'history');
		const a = before?.cards.find((c) => c.id === 'hist-railway-year');
		const b = after?.cards.find((c) => c.id === 'hist-railway-year');
		expect(b?.prompt).toBe('In which year did work on the Trans-Siberian Railway start?');
		expect(b?.hash).not.toBe(a?.hash);
		expect(after?.hash).not.toBe(before?.hash);
		const untouched = (d: typeof before) => d?.cards.find((c) => c.id === 'hist-treaty-year')?.hash;
		expect(untouched(after)).toBe(untouched(before));
	});

	it('counts a fact tested by an authored or a generated card; slip sentences are exempt', () => {
		const { coverage } = compileFixture(fixtureSources());
		const history = coverage.find((c) => c.section === 'history');
		expect(history?.authored).toBe(2);
		expect(history?.untested).toEqual([]);
		const risk = coverage.find((c) => c.section === 'risk-benefit');
		expect(risk).toMatchObject({ untested: [], exempt: 2, generated: 4 });
		// the generator skips the SCO (its acronym follows) and "by 2030": no card tests them
		const competition = coverage.find((c) => c.section === 'competition');
		expect(competition?.untested.map((f) => f.text)).toEqual([
			'Shanghai Cooperation Organization',
			'SCO',
			'2030'
		]);
		const sources = fixtureSources();
		sources.banks[0]!.text =
			'suppress: [g-history-entity-trans-siberian-railway]\n' + sources.banks[0]!.text;
		const suppressed = compileFixture(sources).coverage.find((c) => c.section === 'history');
		expect(suppressed?.untested.map((f) => f.text)).toEqual(['Trans-Siberian Railway']);
	});

	it('reports claims with the cards testing them, reasoning items and how slips are handled', () => {
		const sources = fixtureSources({
			'questions/banks/risk-benefit.yaml': `section: risk-benefit
claims:
  - { id: trade-grows, text: Trade grows. }
items:
  - id: risk-why-trade
    type: mcq
    reasoning: true
    claims: [trade-grows]
    prompt: Why does the essay say trade grew?
    answer: Both economies need each other
    distractors: [Both economies compete, Both fear Japan, Both dislike Europe]
    explanation: E.
    source: Bilateral trade grew from $69.6 Billion in 2016
  - id: risk-target
    type: basic
    slip: trade-target-unit
    beyond: true
    prompt: What is the real 2024 trade target?
    answer: $200 billion
    explanation: The essay writes millions; the target is $200 billion.
    source: Both plan to raise trade to $200 Million by 2024
`
		});
		const risk = compileFixture(sources).coverage.find((c) => c.section === 'risk-benefit');
		expect(risk).toMatchObject({
			reasoning: 1,
			claims: [{ id: 'trade-grows', text: 'Trade grows.', cards: ['risk-why-trade'] }],
			slips: [
				{ id: 'trade-target-unit', items: ['risk-target'], beyond: ['risk-target'], essayClaim: [] }
			]
		});
	});
});
