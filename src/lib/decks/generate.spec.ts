import { describe, expect, it } from 'vitest';
import { compileDecks } from './compile';
import { fixtureSources } from './fixtures';
import type { ClozeCard } from './types';

const generated = (sources = fixtureSources()) =>
	compileDecks(sources)
		.decks.find((d) => d.id === 'all')!
		.cards.filter((c): c is ClozeCard => c.generated && c.type === 'cloze');

describe('generated cloze items', () => {
	it('blanks years, figures with units and named entities with stable ids', () => {
		const ids = generated().map((c) => c.id);
		expect(ids).toEqual(
			expect.arrayContaining([
				'g-history-year-1891',
				'g-history-entity-trans-siberian-railway',
				'g-risk-benefit-figure-usd-69-6-billion',
				'g-risk-benefit-year-2017'
			])
		);
		const year = generated().find((c) => c.id === 'g-history-year-1891');
		expect(year).toMatchObject({
			prompt:
				'In [...], the construction of the Trans-Siberian Railway began, prompting a treaty in 1896 between the two empires.',
			answer: '1891',
			source: { section: 'history' }
		});
	});

	it('is deterministic: the same essay gives the same items, ids and hashes', () => {
		expect(generated()).toEqual(generated());
	});

	it('takes distractors of the same kind from elsewhere in the essay', () => {
		const money = generated().find((c) => c.id === 'g-risk-benefit-figure-usd-69-6-billion');
		expect(money?.distractors).toEqual(['$84.2 Billion']);
		const year = generated().find((c) => c.id === 'g-history-year-1891');
		expect(year?.distractors?.every((d) => /^\d{4}$/.test(d))).toBe(true);
		expect(year?.distractors).not.toContain('1891');
	});

	it('skips sentences that hold a slip, short sentences and facts an authored cloze blanks', () => {
		const ids = generated().map((c) => c.id);
		expect(ids.some((id) => id.includes('2024'))).toBe(false);
		expect(ids).not.toContain('g-history-year-1896');
		expect(ids.some((id) => id.includes('1999'))).toBe(false);
	});

	it('drops a generated item suppressed by id', () => {
		const sources = fixtureSources();
		sources.banks[0]!.text = 'suppress: [g-history-year-1891]\n' + sources.banks[0]!.text;
		expect(generated(sources).map((c) => c.id)).not.toContain('g-history-year-1891');
	});

	it('keeps ids when an unrelated sentence of the essay changes', () => {
		const sources = fixtureSources();
		sources.essay = sources.essay.replace('says something plain', 'says something else');
		expect(generated(sources).map((c) => c.id)).toEqual(generated().map((c) => c.id));
	});
});
