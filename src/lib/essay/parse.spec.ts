import { describe, expect, it } from 'vitest';
import { parseEssay } from './parse';
import { FIXTURE_ESSAY } from '$lib/decks/fixtures';
import { DeckCompileError } from '$lib/decks/issues';
import { normalizeText, splitSentences } from '$lib/decks/text';

describe('parseEssay', () => {
	it('reads the attribution, the introduction, every section and the works cited', () => {
		const essay = parseEssay(FIXTURE_ESSAY);
		expect(essay.meta).toMatchObject({
			title: 'Test Essay',
			author: 'A. Writer',
			date: 'May 2021'
		});
		expect(essay.intro).toEqual(['An introduction that is not a section.']);
		expect(essay.sections.map((s) => s.slug)).toEqual([
			'history',
			'political-landscape',
			'geographical-landscape',
			'economic-landscape',
			'bri-role',
			'competition',
			'collaboration',
			'risk-benefit',
			'conclusion'
		]);
		expect(essay.references).toEqual(['Someone, A. (2019). A source.']);
	});

	it('leaves photo captions out of the study text and numbers sentences', () => {
		const history = parseEssay(FIXTURE_ESSAY).sections[0];
		expect(history?.normalized).not.toContain('caption');
		expect(history?.paragraphs[0]?.sentences.map((s) => s.id)).toEqual([
			'history-1-1',
			'history-1-2'
		]);
	});

	it('names a missing attribution field', () => {
		expect(() => parseEssay(FIXTURE_ESSAY.replace('author: A. Writer\n', ''))).toThrow(
			/essay-attribution: missing author/
		);
	});

	it('rejects an unknown section slug and a missing one', () => {
		let error: unknown;
		try {
			parseEssay(FIXTURE_ESSAY.replace('{#conclusion}', '{#finale}'));
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(DeckCompileError);
		expect((error as DeckCompileError).issues.map((i) => i.rule).sort()).toEqual([
			'missing-section',
			'unknown-section'
		]);
	});
});

describe('text helpers', () => {
	it('normalises typographic quotes, dashes and spacing only', () => {
		expect(normalizeText('Russia’s  “Good” 1980s – 1991\n')).toBe('Russia\'s "Good" 1980s - 1991');
	});

	it('splits sentences but not after an abbreviation followed by a lower-case word', () => {
		expect(
			splitSentences('The U.S. government worried. Later the U.S. If both compete, they lose.')
		).toEqual(['The U.S. government worried.', 'Later the U.S.', 'If both compete, they lose.']);
		expect(
			splitSentences('A common enemy: the United States (U.S.). Today, both seek dominance.')
		).toHaveLength(2);
	});
});
