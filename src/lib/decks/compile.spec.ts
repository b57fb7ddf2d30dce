import { describe, expect, it } from 'vitest';
import { compileDecks } from './compile';
import { fixtureSources } from './fixtures';
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

function issuesOf(extra: Record<string, string>): BankIssue[] {
	try {
		compileDecks(fixtureSources(extra));
	} catch (error) {
		if (error instanceof DeckCompileError) return error.issues;
		throw error;
	}
	return [];
}

const basic = (extra = '') =>
	bank(`type: basic\nprompt: Q?\nanswer: A\nexplanation: E.\n${SOURCE}\n${extra}`);

const BAD_BANKS: { rule: string; file: string; text: string; line?: number }[] = [
	{ rule: 'yaml-syntax', file: 'bad.yaml', text: 'section: history\nitems:\n  - id: [unclosed\n' },
	{ rule: 'bank-format', file: 'bad.yaml', text: 'section: history\n' },
	{
		rule: 'unknown-section',
		file: 'bad.yaml',
		text: basic().replace('section: history', 'section: nowhere'),
		line: 1
	},
	{ rule: 'unknown-section', file: 'bad.yaml', text: basic('section: nowhere'), line: 3 },
	{
		rule: 'duplicate-id',
		file: 'zz-bad.yaml',
		text: basic().replace('bad-item', 'hist-railway-year'),
		line: 3
	},
	{
		rule: 'unknown-type',
		file: 'bad.yaml',
		text: bank(`type: essay\nprompt: Q?\nexplanation: E.\n${SOURCE}`),
		line: 3
	},
	{
		rule: 'empty-prompt',
		file: 'bad.yaml',
		text: basic().replace('prompt: Q?', 'prompt: "  "'),
		line: 3
	},
	{ rule: 'missing-field', file: 'bad.yaml', text: basic().replace('    answer: A\n', '') },
	{ rule: 'unknown-field', file: 'bad.yaml', text: basic('hint: no such field') },
	{ rule: 'invalid-field', file: 'bad.yaml', text: basic().replace('bad-item', 'Bad_Item') },
	{ rule: 'invalid-field', file: 'bad.yaml', text: basic().replace('bad-item', 'g-reserved') },
	{ rule: 'quote-not-found', file: 'bad.yaml', text: basic().replace('began', 'ended'), line: 3 },
	{ rule: 'quote-not-found', file: 'bad.yaml', text: basic('section: conclusion') },
	{ rule: 'unknown-tag', file: 'bad.yaml', text: basic('tags: [no-such-theme]') },
	{
		rule: 'answer-missing-from-options',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nprompt: When?\nanswer: "1891"\noptions: ["1896", "1905", "1917", "1920"]\nexplanation: E.\n${SOURCE}`
		)
	},
	{
		rule: 'answer-among-distractors',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nprompt: When?\nanswer: "1891"\ndistractors: ["1891", "1905", "1917"]\nexplanation: E.\n${SOURCE}`
		)
	},
	{
		rule: 'duplicate-options',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nprompt: When?\nanswer: "1891"\ndistractors: ["1905", "1905", "1917"]\nexplanation: E.\n${SOURCE}`
		)
	},
	{
		rule: 'too-few-distractors',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nprompt: When?\nanswer: "1891"\ndistractors: ["1905", "1917"]\nexplanation: E.\n${SOURCE}`
		)
	},
	{
		rule: 'distractor-kind',
		file: 'bad.yaml',
		text: bank(
			`type: mcq\nprompt: When?\nanswer: "1891"\ndistractors: ["1905", "1917", "Gorbachev"]\nexplanation: E.\n${SOURCE}`
		)
	},
	{
		rule: 'false-without-correction',
		file: 'bad.yaml',
		text: bank(
			`type: truefalse\nprompt: It began in 1900.\nanswer: false\nexplanation: E.\n${SOURCE}`
		)
	},
	{
		rule: 'invalid-field',
		file: 'bad.yaml',
		text: bank(
			`type: truefalse\nprompt: It began in 1891.\nanswer: "yes"\nexplanation: E.\n${SOURCE}`
		)
	},
	{
		rule: 'cloze-without-blank',
		file: 'bad.yaml',
		text: bank(`type: cloze\ntext: No blank here\nexplanation: E.\n${SOURCE}`)
	},
	{
		rule: 'empty-blank',
		file: 'bad.yaml',
		text: bank(`type: cloze\ntext: "In {{ }}, it began"\nexplanation: E.\n${SOURCE}`)
	},
	{
		rule: 'invalid-field',
		file: 'bad.yaml',
		text: bank(
			`type: numeric\nprompt: When?\nanswer: soon\nunit: ""\ntolerance: 0\nexplanation: E.\n${SOURCE}`
		)
	},
	{
		rule: 'invalid-field',
		file: 'bad.yaml',
		text: bank(
			`type: numeric\nprompt: When?\nanswer: 1891\nunit: ""\ntolerance: -1\nexplanation: E.\n${SOURCE}`
		)
	},
	{
		rule: 'ordering-event-count',
		file: 'bad.yaml',
		text: bank(
			`type: ordering\nprompt: Order these.\nevents: [a, b, c]\nexplanation: E.\n${SOURCE}`
		)
	},
	{
		rule: 'ordering-event-count',
		file: 'bad.yaml',
		text: bank(
			`type: ordering\nprompt: Order these.\nevents: [a, b, c, d, e, f, g]\nexplanation: E.\n${SOURCE}`
		)
	},
	{
		rule: 'duplicate-events',
		file: 'bad.yaml',
		text: bank(
			`type: ordering\nprompt: Order these.\nevents: [a, b, c, a]\nexplanation: E.\n${SOURCE}`
		)
	},
	{
		rule: 'empty-explanation',
		file: 'bad.yaml',
		text: basic().replace('explanation: E.', 'explanation: ""')
	},
	{
		rule: 'slip-not-named',
		file: 'bad.yaml',
		text: bank(
			'type: basic\nprompt: What is the 2024 target?\nanswer: $200 billion\nexplanation: The essay has a slip.\nsource: raise trade to $200 Million by 2024',
			'risk-benefit'
		)
	},
	{
		rule: 'drills-slip',
		file: 'bad.yaml',
		text: bank(
			'type: basic\nprompt: What is the 2024 target?\nanswer: $200 Million\nslip: trade-target-unit\nexplanation: The essay has a slip.\nsource: raise trade to $200 Million by 2024',
			'risk-benefit'
		)
	},
	{
		rule: 'slip-not-explained',
		file: 'bad.yaml',
		text: bank(
			'type: basic\nprompt: What is the 2024 target?\nanswer: $200 billion\nslip: trade-target-unit\nexplanation: It is 200.\nsource: raise trade to $200 Million by 2024',
			'risk-benefit'
		)
	},
	{ rule: 'unknown-slip', file: 'bad.yaml', text: basic('slip: no-such-slip') },
	{
		rule: 'source-section-not-ordering',
		file: 'bad.yaml',
		text: bank(
			`type: basic\nprompt: Q?\nanswer: A\nexplanation: E.\nsource:\n  - { section: history, quote: The Cold War followed much later. }`
		),
		line: 3
	},
	{
		rule: 'quote-not-found',
		file: 'bad.yaml',
		text: bank(
			`type: ordering\nprompt: Order these.\nevents: [a, b, c, d]\nexplanation: E.\nsource:\n  - The Cold War followed much later.\n  - { section: conclusion, quote: The Cold War followed much later. }`
		),
		line: 3
	},
	{
		rule: 'source-outside-section',
		file: 'bad.yaml',
		text: bank(
			`type: ordering\nprompt: Order these.\nevents: [a, b, c, d]\nexplanation: E.\nsource:\n  - { section: conclusion, quote: relations between the two neighbours }`
		),
		line: 3
	},
	{
		rule: 'retired-id-reused',
		file: 'bad.yaml',
		text: 'retired: [bad-item]\n' + basic(),
		line: 4
	},
	{
		rule: 'retired-id-reused',
		file: 'zz-bad.yaml',
		text: basic().replace('bad-item', 'hist-old-railway'),
		line: 3
	},
	{
		rule: 'duplicate-retired',
		file: 'zz-bad.yaml',
		text: 'retired: [hist-old-railway]\n' + basic(),
		line: 1
	},
	{
		rule: 'bank-format',
		file: 'bad.yaml',
		text: 'retired: [Not_An_Id]\n' + basic()
	},
	{
		rule: 'unknown-suppress',
		file: 'bad.yaml',
		text: 'suppress: [g-history-year-9999]\n' + basic()
	}
];

describe('compileDecks rejects a bad bank, naming file, line, item and rule', () => {
	it.each(BAD_BANKS)('$rule', ({ rule, file, text, line }) => {
		const issues = issuesOf({ [`questions/banks/${file}`]: text });
		const match = issues.find((i) => i.rule === rule);
		expect(match, JSON.stringify(issues)).toBeDefined();
		expect(match?.file).toBe(`questions/banks/${file}`);
		if (line !== undefined) expect(match?.line).toBe(line);
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
			compileDecks(fixtureSources({ 'questions/banks/bad.yaml': text }));
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
			compileDecks(sources);
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
		expect(() => compileDecks(sources)).not.toThrow();
		sources.banks[0]!.text = sources.banks[0]!.text.replace('retired: [hist-old-railway]\n', '');
		expect(() => compileDecks(sources)).toThrow(/released-id-dropped: "hist-old-railway"/);
	});

	it('rejects a theme that no card uses', () => {
		const sources = fixtureSources();
		sources.decks += '  - id: empty-theme\n    title: Empty\n    description: Nothing here.\n';
		expect(() => compileDecks(sources)).toThrow(/empty-theme/);
	});
});

describe('compileDecks builds decks', () => {
	it('makes one deck per section, per theme and one with everything', () => {
		const { index, decks } = compileDecks(fixtureSources());
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
		const { decks } = compileDecks(fixtureSources());
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
		const { decks } = compileDecks(fixtureSources({ 'questions/banks/timeline.yaml': timeline }));
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

	it('keeps a card id and changes its hash when the item is reworded', () => {
		const before = compileDecks(fixtureSources()).decks.find((d) => d.id === 'history');
		const reworded = fixtureSources();
		reworded.banks[0]!.text = reworded.banks[0]!.text.replace(
			'When did construction of the great railway begin?',
			'In which year did work on the Trans-Siberian Railway start?'
		);
		const after = compileDecks(reworded).decks.find((d) => d.id === 'history');
		const a = before?.cards.find((c) => c.id === 'hist-railway-year');
		const b = after?.cards.find((c) => c.id === 'hist-railway-year');
		expect(b?.prompt).toBe('In which year did work on the Trans-Siberian Railway start?');
		expect(b?.hash).not.toBe(a?.hash);
		expect(after?.hash).not.toBe(before?.hash);
		const untouched = (d: typeof before) => d?.cards.find((c) => c.id === 'hist-treaty-year')?.hash;
		expect(untouched(after)).toBe(untouched(before));
	});

	it('reports untested facts in the coverage', () => {
		const { coverage } = compileDecks(fixtureSources());
		const history = coverage.find((c) => c.section === 'history');
		expect(history?.authored).toBe(2);
		expect(history?.untested.map((f) => f.text)).toEqual(['Trans-Siberian Railway']);
		const risk = coverage.find((c) => c.section === 'risk-benefit');
		expect(risk?.untested.map((f) => f.text)).toContain('$69.6 Billion');
	});
});
