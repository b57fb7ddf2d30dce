import { describe, expect, it } from 'vitest';
import { compileFixture, fixtureSources } from './fixtures';
import type { ClozeCard } from './types';

const generated = (sources = fixtureSources()) =>
	compileFixture(sources)
		.decks.find((d) => d.id === 'all')!
		.cards.filter((c): c is ClozeCard => c.generated && c.type === 'cloze');

const byId = (id: string, sources = fixtureSources()) =>
	generated(sources).find((c) => c.id === id);

/** The fixture with one more bank, for the competition or risk-benefit section. */
function withBank(section: string, items: string) {
	const sources = fixtureSources();
	sources.banks.push({
		file: `questions/banks/${section}.yaml`,
		text: `section: ${section}\n${items}`
	});
	return sources;
}

describe('generated cloze items', () => {
	it('blanks years, figures with units and named entities with stable ids', () => {
		const ids = generated().map((c) => c.id);
		expect(ids).toEqual(
			expect.arrayContaining([
				'g-history-entity-trans-siberian-railway',
				'g-risk-benefit-figure-usd-69-6-billion',
				'g-risk-benefit-year-2017',
				'g-competition-year-2001',
				'g-conclusion-figure-three-decades'
			])
		);
		expect(byId('g-history-entity-trans-siberian-railway')).toMatchObject({
			prompt:
				'In 1891, the construction of the [...] began, prompting a treaty in 1896 between the two empires.',
			answer: 'Trans-Siberian Railway',
			source: { section: 'history' }
		});
	});

	it('is deterministic: the same essay gives the same items, ids and hashes', () => {
		expect(generated()).toEqual(generated());
	});

	it('takes distinct distractors of the same kind from other sentences, none equivalent to the answer', () => {
		// never a figure of the same sentence: the student sees it there
		expect(byId('g-risk-benefit-figure-usd-69-6-billion')?.distractors).toEqual([]);
		const year = byId('g-risk-benefit-year-2017');
		expect(year?.distractors).toEqual(['2030', '2001', '1896']);
		// 2017 is stated elsewhere too, but it stands in the 2016 cloze's own sentence
		expect(byId('g-bri-role-year-2017')).toBeDefined();
		expect(byId('g-risk-benefit-year-2016')?.distractors).toEqual(['2030', '2001', '1896']);
		// "three decades" is 30 years in other words: never a distractor for it
		expect(byId('g-collaboration-figure-30-years')?.distractors).toEqual(['40 years']);
		expect(byId('g-political-landscape-figure-40-years')?.distractors).toEqual(['30 years']);
	});

	it('skips slip sentences, short sentences and facts an authored card already tests', () => {
		const ids = generated().map((c) => c.id);
		expect(ids.some((id) => id.includes('2024'))).toBe(false);
		expect(ids.some((id) => id.includes('1999'))).toBe(false);
		// 1896 is blanked by an authored cloze, 1891 is the answer of an authored mcq
		expect(ids).not.toContain('g-history-year-1896');
		expect(ids).not.toContain('g-history-year-1891');
	});

	it('skips a blank readable from the rest of its sentence and a year after "by"', () => {
		const ids = generated().map((c) => c.id);
		expect(ids).not.toContain('g-competition-entity-shanghai-cooperation-organization');
		expect(ids).not.toContain('g-competition-year-2030');
	});

	it('makes no fact of a person', () => {
		expect(generated().some((c) => /xi/i.test(c.answer))).toBe(false);
	});

	it('explains from the neighbouring sentence, or from the claims authored cards on it test', () => {
		expect(byId('g-history-entity-trans-siberian-railway')?.explanation).toBe(
			'The essay goes on: "The Cold War followed much later."'
		);
		expect(byId('g-conclusion-figure-three-decades')?.explanation).toBe(
			'The essay has just said: "The section conclusion says something plain about relations between the two neighbours."'
		);
		const sources = fixtureSources();
		sources.banks[0]!.text = sources.banks[0]!.text.replace(
			'items:',
			'claims:\n  - { id: rail-first, text: The railway drew Russia into China. }\nitems:'
		).replace('tags: [relations-history]', 'tags: [relations-history]\n    claims: [rail-first]');
		const card = byId('g-history-entity-trans-siberian-railway', sources);
		expect(card?.explanation).toBe("In the essay's argument: The railway drew Russia into China.");
		expect(card?.explanation).not.toMatch(/Stated in/);
	});

	it('honours the cap of cards per sentence, authored cards first', () => {
		const trade = 'Bilateral trade grew from $69.6 Billion in 2016';
		expect(generated().filter((c) => c.source.quote.startsWith(trade))).toHaveLength(4);
		const sources = withBank(
			'risk-benefit',
			`items:
  - id: risk-trade-growth
    type: truefalse
    prompt: Trade between the two grew over those two years.
    answer: true
    explanation: It grew.
    source: ${trade}
  - id: risk-trade-why
    type: basic
    prompt: What does the growth of trade show?
    answer: Closer ties
    explanation: Trade follows politics.
    source: ${trade}
`
		);
		const kept = generated(sources).filter((c) => c.source.quote.startsWith(trade));
		expect(kept.map((c) => c.id)).toEqual([
			'g-risk-benefit-figure-usd-69-6-billion',
			'g-risk-benefit-year-2016'
		]);
	});

	it('leaves the place of a suppressed item under the cap to another fact', () => {
		const trade = 'Bilateral trade grew from $69.6 Billion in 2016';
		const items = [1, 2, 3]
			.map(
				(n) =>
					`  - { id: risk-why-${n}, type: basic, prompt: Why ${n}?, answer: Reason ${n}, explanation: E., source: ${trade} }`
			)
			.join('\n');
		const capped = generated(withBank('risk-benefit', `items:\n${items}\n`));
		expect(capped.filter((c) => c.source.quote.startsWith(trade)).map((c) => c.id)).toEqual([
			'g-risk-benefit-figure-usd-69-6-billion'
		]);
		const sources = withBank(
			'risk-benefit',
			`suppress: [g-risk-benefit-figure-usd-69-6-billion]\nitems:\n${items}\n`
		);
		expect(
			generated(sources)
				.filter((c) => c.source.quote.startsWith(trade))
				.map((c) => c.id)
		).toEqual(['g-risk-benefit-year-2016']);
	});

	it('drops a generated item suppressed by id', () => {
		const sources = fixtureSources();
		sources.banks[0]!.text =
			'suppress: [g-history-entity-trans-siberian-railway]\n' + sources.banks[0]!.text;
		expect(generated(sources).map((c) => c.id)).not.toContain(
			'g-history-entity-trans-siberian-railway'
		);
	});

	it('keeps ids when an unrelated sentence of the essay changes', () => {
		const sources = fixtureSources();
		sources.essay = sources.essay.replace('says something plain', 'says something else');
		expect(generated(sources).map((c) => c.id)).toEqual(generated().map((c) => c.id));
	});
});
