import { compileDecks, type CompileOptions, type QuestionSources } from './compile';
import { SECTION_SLUGS } from './types';

/** More sentences for some sections, each built to exercise one rule of the generator. */
const EXTRA: Partial<Record<string, string>> = {
	'political-landscape':
		' Trade has grown for 40 years across the long shared border of the two states.',
	'bri-role':
		' Talks on the corridor resumed in 2017 after a long pause between the two neighbours.',
	competition:
		' The Shanghai Cooperation Organization met in 2001, and the SCO then grew to take in more members. Both sides plan to finish the new pipeline by 2030 with help from many partners.',
	collaboration:
		' The partnership has lasted 30 years and rests on trust between both neighbours, says Xi Jin Ping.',
	conclusion: ' Hostility had lasted three decades before the two neighbours made peace again.'
};

/** A small essay with every section, for tests. */
export const FIXTURE_ESSAY = `---
title: Test Essay
author: A. Writer
publisher: Test Press
date: May 2021
---

An introduction that is not a section.

${SECTION_SLUGS.map(
	(slug) => `## Section ${slug} {#${slug}}

${
	slug === 'history'
		? 'In 1891, the construction of the Trans-Siberian Railway began, prompting a treaty in 1896 between the two empires. The Cold War followed much later.\n\n> A photo caption from 1999.'
		: slug === 'risk-benefit'
			? 'Bilateral trade grew from $69.6 Billion in 2016 to $84.2 Billion in 2017 and beyond. Both plan to raise trade to $200 Million by 2024 through many joint projects.'
			: `The section ${slug} says something plain about relations between the two neighbours.${EXTRA[slug] ?? ''}`
}
`
).join('\n')}
## Works Cited {#works-cited}

Someone, A. (2019). A source.
`;

export const FIXTURE_DECKS = `themes:
  - id: relations-history
    title: History
    description: The history deck.
`;

export const FIXTURE_SLIPS = `slips:
  - id: trade-target-unit
    section: risk-benefit
    quote: Both plan to raise trade to $200 Million by 2024 through many joint projects.
    wrong: $200 Million
    right: $200 billion
    note: Evidently billions.
    reference: Ellyatt, CNBC, 27 September 2019.
`;

export const FIXTURE_ENTITIES = `entities:
  - name: Trans-Siberian Railway
    kind: initiative
  - name: Shanghai Cooperation Organization
    kind: organisation
    aliases: [SCO, Shanghai Cooperation Organisation]
  - name: Xi Jinping
    kind: person
    aliases: [Xi Jin Ping, Xi]
notEntities: [Cold War]
`;

/** A valid bank for the history section; tests break one thing at a time. */
export const FIXTURE_BANK = `section: history
retired: [hist-old-railway]
items:
  - id: hist-railway-year
    type: mcq
    tags: [relations-history]
    prompt: When did construction of the great railway begin?
    answer: "1891"
    distractors: ["1896", "1905", "1917"]
    explanation: Construction began in 1891.
    source: In 1891, the construction of the Trans-Siberian Railway began
  - id: hist-treaty-year
    type: cloze
    tags: []
    text: prompting a treaty in {{1896}} between the two empires
    explanation: The treaty came in 1896.
    source: prompting a treaty in 1896 between the two empires
`;

/** The ids that have shipped: the fixture bank's items, a retired one and a generated one. */
export const FIXTURE_RELEASED = `# shipped ids
hist-railway-year
hist-treaty-year
hist-old-railway
g-history-year-1891
`;

export function fixtureSources(banks: Record<string, string> = {}): QuestionSources {
	return {
		essay: FIXTURE_ESSAY,
		decks: FIXTURE_DECKS,
		slips: FIXTURE_SLIPS,
		entities: FIXTURE_ENTITIES,
		released: FIXTURE_RELEASED,
		banks: Object.entries({ 'questions/banks/history.yaml': FIXTURE_BANK, ...banks }).map(
			([file, text]) => ({ file, text })
		)
	};
}

/** The fixture has no reasoning items: tests of other rules compile it without the minimums. */
export const FIXTURE_OPTIONS: CompileOptions = { minReasoningPerSection: 0, minReasoningTotal: 0 };

/** Compiles (fixture) sources with {@link FIXTURE_OPTIONS}. */
export function compileFixture(sources: QuestionSources = fixtureSources()) {
	return compileDecks(sources, FIXTURE_OPTIONS);
}
