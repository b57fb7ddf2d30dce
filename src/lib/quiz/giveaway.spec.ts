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

	/** Why the oracle (the quote, the fact scanner) says two cards must not share a quiz, or null. */
	function oracle(a: Card, b: Card, scan: Map<string, Set<string>>): string | null {
		if (a.source.quote === b.source.quote) return 'quote';
		const shown = (x: Card, y: Card) => asks.get(y.id)!.some((k) => scan.get(x.id)!.has(k));
		return shown(a, b) || shown(b, a) ? 'facts' : null;
	}

	/**
	 * Every pair of the deck's quizzable cards that the oracle flags but the selection's own check
	 * (`giveaway` with the entities the draw is given) lets through. The draw adds a card only when
	 * `giveaway` finds nothing against every card already drawn, so an empty list means no quiz of
	 * any seed can hold such a pair: all pairs are checked, not a sample of draws.
	 */
	function missedPairs(
		deck: Deck,
		drawEntities: Entity[] | undefined,
		scan: Map<string, Set<string>>
	) {
		const pool = deck.cards.filter(isQuizzable);
		const missed: string[] = [];
		for (let i = 0; i < pool.length; i++)
			for (let j = i + 1; j < pool.length; j++) {
				const [a, b] = [pool[i]!, pool[j]!];
				const why = oracle(a, b, scan);
				if (why && !giveaway(a, b, drawEntities)) missed.push(`${a.id} / ${b.id} ${why}`);
			}
		return missed;
	}

	it.each(decks.map((d) => [d.id, d] as const))(
		'deck %s: every pair giving each other away is refused by the selection (with entities)',
		(_, deck) => {
			expect(missedPairs(deck, entities, shows).slice(0, 5)).toEqual([]);
		}
	);

	it.each(decks.map((d) => [d.id, d] as const))(
		'deck %s: with the deck’s own entities (as the app and the server draw) every pair showing another’s year, figure or accepted form is refused',
		(_, deck) => {
			expect(missedPairs(deck, deck.entities, plainShows).slice(0, 5)).toEqual([]);
		}
	);

	// End to end: real draws hold no such pair and keep their length, by either check.
	const SEEDS = 100;
	it.each(decks.map((d) => [d.id, d] as const))(
		'deck %s: 100 drawn 10-question quizzes hold no pair giving each other away',
		(_, deck) => {
			const pool = deck.cards.filter(isQuizzable);
			const pairs: string[] = [];
			for (let seed = 0; seed < SEEDS; seed++) {
				const quiz = selectQuestions(pool, 10, seed, { entities: deck.entities });
				expect(quiz.length).toBeGreaterThanOrEqual(Math.min(3, pool.length));
				const found = findGiveaway(quiz, deck.entities);
				if (found) pairs.push(`${seed}: ${found.a} / ${found.b}`);
				for (let i = 0; i < quiz.length; i++)
					for (let j = i + 1; j < quiz.length; j++) {
						const why = oracle(quiz[i]!, quiz[j]!, plainShows);
						if (why) pairs.push(`${seed}: ${quiz[i]!.id} / ${quiz[j]!.id} ${why}`);
					}
			}
			expect(pairs.slice(0, 5)).toEqual([]);
		}
	);
});
