import type { QuestionSources } from './compile';
import { SECTION_SLUGS } from './types';

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
			: `The section ${slug} says something plain about relations between the two neighbours.`
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
    quote: raise trade to $200 Million by 2024
    wrong: $200 Million
    right: $200 billion
    note: Evidently billions.
    reference: Ellyatt, CNBC, 27 September 2019.
`;

export const FIXTURE_ENTITIES = `entities:
  - name: Trans-Siberian Railway
    kind: initiative
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
