import { describe, expect, it } from 'vitest';
import { factsInText } from '$lib/decks/facts';
import type { Entity } from '$lib/decks/schema';
import type { Card, Deck } from '$lib/decks/types';
import { realBanks } from './banks.fixture';
import { mcqCard, numericCard, orderingCard, trueFalseCard, typedCard } from './fixtures';
import { findGiveaway, giveaway } from './giveaway';
import { normalizeAnswer } from './normalize';
import { isQuizzable, selectQuestions } from './select';

const on = <T extends Card>(card: T, quote: string, extra: Partial<T> = {}): T => ({
	...card,
	source: { section: 'history', quote },
	...extra
});

describe('giveaway', () => {
	const railway = on(typedCard('1891', [], 'railway-year'), 'In 1891, the railway began.', {
		prompt: 'In which year did the Trans-Siberian Railway begin?'
	});

	it('pairs two cards on one sentence of the essay', () => {
		const other = on(mcqCard(['Railway', 'Canal'], 'railway-what'), 'In 1891, the railway began.');
		expect(giveaway(railway, other)).toEqual({ kind: 'same-sentence' });
	});

	it.each([
		['prompt', { prompt: 'What did China and Russia sign after the railway of 1891 began?' }],
		['explanation', { explanation: 'The railway, begun in 1891, led to the 1896 treaty.' }],
		['options', { options: ['A treaty in 1896', 'A railway in 1891'] }]
	])('pairs a card whose %s shows the other’s year', (_, extra) => {
		const other = on(mcqCard(['A treaty', 'A war'], 'treaty'), 'A treaty came in 1896.', extra);
		expect(giveaway(railway, other)).toMatchObject({
			kind: 'answer-shown',
			by: 'treaty',
			of: 'railway-year',
			answer: '1891'
		});
	});

	it('pairs a false statement whose correction shows another card’s figure', () => {
		const pipeline = on(numericCard(1.3, 'trillion cubic feet', ['tcf'], 0, 'pipe'), 'Up to 1.3.');
		const statement = on(trueFalseCard(false, 'pipe-tf'), 'The pipeline carries gas.', {
			prompt: 'The pipeline carries up to 3 trillion cubic feet.',
			correction: 'It carries up to 1.3 Trillion Cubic Feet.'
		});
		expect(giveaway(statement, pipeline)).toMatchObject({ kind: 'answer-shown', answer: '1.3' });
	});

	it('pairs a card that names another’s answer or one of its accepted forms', () => {
		const eeu = on(typedCard('Eurasian Economic Union', ['EEU'], 'union'), 'The EEU grew.');
		const other = on(mcqCard(['Kazakhstan', 'Japan'], 'member'), 'Kazakhstan joined.', {
			explanation: 'Kazakhstan is a founding member of the EEU.'
		});
		expect(giveaway(eeu, other)).toMatchObject({ answer: 'eeu' });
	});

	it('counts an entity’s aliases as its name when the entities are given', () => {
		const entities: Entity[] = [
			{ name: 'Shanghai Cooperation Organization', kind: 'organisation', aliases: ['SCO'] }
		];
		const sco = on(
			typedCard('Shanghai Cooperation Organization', [], 'organisation'),
			'It was founded.'
		);
		const other = on(mcqCard(['2001', '1996'], 'sco-year'), 'The SCO was founded in 2001.', {
			prompt: 'When was the SCO founded?'
		});
		expect(giveaway(sco, other)).toBeNull();
		expect(giveaway(sco, other, entities)).toMatchObject({ answer: 'sco' });
	});

	it('pairs an ordering card with every sentence it quotes', () => {
		const order = on(orderingCard(['Railway', 'Treaty'], 'order'), 'In 1891, the railway began.', {
			quotes: ['In 1891, the railway began.', 'A treaty came in 1896.']
		});
		const treaty = on(mcqCard(['A treaty', 'A war'], 'treaty'), 'A treaty came in 1896.');
		expect(giveaway(treaty, order)).toEqual({ kind: 'same-sentence' });
	});

	it('keeps apart cards that share only the two countries or a fact the prompt states', () => {
		const russia = on(typedCard('Russia', [], 'who'), 'Russia built it.');
		const other = on(mcqCard(['Gas', 'Coal'], 'what'), 'Russia sells gas to China.', {
			prompt: 'What does Russia sell China since 1891?'
		});
		expect(giveaway(russia, other)).toBeNull();
		const year = on(typedCard('the railway', [], 'what-1891'), 'It began in 1891.', {
			prompt: 'What began in 1891?'
		});
		expect(giveaway(year, other)).toBeNull();
	});
});

/** Years, figures and names of a card's answer, found by the deck compiler's fact scanner. */
function answerFacts(card: Card, entities: Entity[]): string[] {
	const texts =
		card.type === 'mcq'
			? [card.options[0]!]
			: card.type === 'cloze'
				? card.blanks.map((b) => b.answer)
				: card.type === 'truefalse' || card.type === 'ordering'
					? []
					: card.type === 'numeric'
						? [String(card.value)]
						: [card.answer];
	const prompt = factsInText(card.prompt, entities).flatMap((f) => f.keys);
	return texts
		.flatMap((t) => factsInText(t, entities))
		.flatMap((f) => f.keys)
		.filter((k) => !prompt.includes(k));
}

/** Everything a card shows, normalised. */
function shownText(card: Card): string {
	const texts = [card.prompt, card.explanation, card.source.quote, card.answer];
	if (card.type === 'mcq') texts.push(...card.options);
	if (card.type === 'truefalse' && card.correction) texts.push(card.correction);
	return texts.map(normalizeAnswer).join(' | ');
}

/** Whether a name is one of the card's accepted forms of its answer, as written. */
function isNamed(card: Card, key: string): boolean {
	const forms =
		card.type === 'typed' || card.type === 'basic'
			? [card.answer, ...(card.accepted ?? [])]
			: card.type === 'cloze'
				? card.blanks.flatMap((b) => [b.answer, ...b.accepted])
				: [];
	return forms.some((f) => normalizeAnswer(f) === normalizeAnswer(key));
}

/** The years, figures and names a card shows, by the fact scanner alone. */
function shownFacts(card: Card, entities: Entity[]): Set<string> {
	const texts = [card.prompt, card.explanation, card.source.quote, card.answer];
	if (card.type === 'mcq') texts.push(...card.options);
	if (card.type === 'truefalse' && card.correction) texts.push(card.correction);
	return new Set(texts.flatMap((t) => factsInText(t, entities)).flatMap((f) => f.keys));
}

describe('quizzes drawn from the real banks', () => {
	const { decks, cards, entities } = realBanks();
	const SEEDS = 1000;
	// A thousand draws of the largest decks take a second or two; more on a loaded machine.
	const SEED_TIMEOUT = 60_000;
	const asks = new Map(cards.map((c) => [c.id, answerFacts(c, entities)]));
	const shows = new Map(cards.map((c) => [c.id, shownFacts(c, entities)]));
	// Without entities the scanner finds only years and figures; accepted forms are checked by name.
	const plainShows = new Map(
		cards.map((c) => {
			const keys = shownFacts(c, []);
			const text = shownText(c);
			for (const other of cards)
				for (const key of asks.get(other.id)!)
					if (` ${text} `.includes(` ${normalizeAnswer(key)} `) && isNamed(other, key))
						keys.add(key);
			return [c.id, keys];
		})
	);

	/** The pairs in the quizzes of 1,000 seeds, by the selection's own check and by the oracle. */
	function pairsIn(deck: Deck, withEntities: boolean, scan: Map<string, Set<string>>) {
		const pool = deck.cards.filter(isQuizzable);
		const pairs: string[] = [];
		for (let seed = 0; seed < SEEDS; seed++) {
			// With every entity, or as the app and the server call it: with the deck's own entities.
			const quiz = selectQuestions(pool, 10, seed, {
				entities: withEntities ? entities : deck.entities
			});
			expect(quiz.length).toBeGreaterThanOrEqual(Math.min(3, pool.length));
			const found = findGiveaway(quiz, entities);
			if (found) pairs.push(`${seed}: ${found.a} / ${found.b}`);
			for (let i = 0; i < quiz.length; i++)
				for (let j = i + 1; j < quiz.length; j++) {
					const [a, b] = [quiz[i]!, quiz[j]!];
					if (a.source.quote === b.source.quote) pairs.push(`${seed}: ${a.id} / ${b.id} quote`);
					const shows = (x: Card, y: Card) => asks.get(y.id)!.some((k) => scan.get(x.id)!.has(k));
					if (shows(a, b) || shows(b, a)) pairs.push(`${seed}: ${a.id} / ${b.id} facts`);
				}
		}
		return pairs;
	}

	it.each(decks.map((d) => [d.id, d] as const))(
		'deck %s: no 10-question quiz holds a pair giving each other away (1,000 seeds, with entities)',
		(_, deck) => {
			expect(pairsIn(deck, true, shows).slice(0, 5)).toEqual([]);
		},
		SEED_TIMEOUT
	);

	it.each(decks.map((d) => [d.id, d] as const))(
		'deck %s: with the deck’s own entities (as the app and the server draw) no quiz shows another’s year, figure or accepted form (1,000 seeds)',
		(_, deck) => {
			expect(pairsIn(deck, false, plainShows).slice(0, 5)).toEqual([]);
		},
		SEED_TIMEOUT
	);
});
