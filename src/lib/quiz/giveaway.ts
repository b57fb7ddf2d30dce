import { factsInText } from '$lib/decks/facts';
import type { Entity } from '$lib/decks/schema';
import type { Card } from '$lib/decks/types';
import { digitRuns, normalizeAnswer } from './normalize';

/**
 * Words every card of the essay uses: an answer made only of them ("Russia", "China and Russia")
 * names no secret another card could give away.
 */
const EVERYWHERE = new Set([
	'russia',
	'china',
	'russian',
	'chinese',
	'russians',
	'sino',
	'both',
	'and',
	'or',
	'of',
	'to',
	'in',
	'true',
	'false'
]);

/** What one card shows a student and what it asks them for, ready for comparison. */
export interface CardSecrets {
	/** Normalised source sentences (an ordering card quotes several). */
	sentences: string[];
	/** Everything the card shows: prompt, options, correction, events, explanation, quote, answer. */
	shown: string;
	/** Numbers anywhere in what the card shows. */
	shownNumbers: Set<string>;
	/** Normalised phrases, any of which in another card's text gives this card's answer away. */
	phrases: string[];
	/** Numbers (years, figures) of the answer. */
	numbers: string[];
}

/** Everything a card puts on screen, question and feedback alike. */
function shownTexts(card: Card): string[] {
	const texts = [card.prompt, card.explanation, card.source.quote, card.answer];
	if (card.type === 'mcq') texts.push(...card.options);
	if (card.type === 'truefalse' && card.correction) texts.push(card.correction);
	if (card.type === 'ordering') texts.push(...card.events, ...card.quotes);
	return texts;
}

/** The texts that are this card's answer (what a student must not be told by another card). */
function answerTexts(card: Card): string[] {
	switch (card.type) {
		case 'basic':
			return [card.answer, ...(card.accepted ?? [])];
		case 'typed':
			return [card.answer, ...card.accepted];
		case 'cloze':
			return card.blanks.flatMap((b) => [b.answer, ...b.accepted]);
		case 'mcq':
			return card.options.slice(0, 1);
		case 'numeric':
			// The number is the answer; its unit is in the prompt.
			return [String(card.value)];
		case 'truefalse':
			// A true statement is given away by a card stating its years and figures; a false one by
			// a card stating the correction's.
			return card.statementIsTrue ? [card.prompt] : card.correction ? [card.correction] : [];
		case 'ordering':
			return [];
	}
}

/**
 * The proper names in an answer without an entity list: runs of capitalised words (joined by "of",
 * "the", "for" or a hyphen) and acronyms, leaving out the answer's first word when it stands alone
 * ("Only a single slate... chosen by the Communist Party" gives "Communist Party"; "Rosneft and
 * Gazprom" gives both).
 */
export function namesIn(text: string): string[] {
	const names: string[] = [];
	const run = /\b[A-Z][\w'-]*(?:\s+(?:(?:of|the|for)\s+)*[A-Z][\w'-]*)*/g;
	for (const m of text.matchAll(run)) {
		const single = !/\s/.test(m[0]);
		if (single && m.index === text.search(/\S/) && !/^[A-Z0-9-]{2,}$/.test(m[0])) continue;
		names.push(normalizeAnswer(m[0]));
	}
	return names.filter((n) => n !== '');
}

/** Normalised for matching, a possessive dropped ("the Communist Party's rule"). */
const plain = (text: string) => normalizeAnswer(text.replace(/['\u2019]s\b/g, ''));

const informative = (phrase: string) => phrase.split(' ').some((w) => !EVERYWHERE.has(w));
const padded = (text: string) => ` ${text} `;
const containsPhrase = (text: string, phrase: string) => padded(text).includes(padded(phrase));

const cache = new WeakMap<Card, WeakMap<Entity[], CardSecrets>>();
const NO_ENTITIES: Entity[] = [];

/**
 * What a card shows and what it asks, for giveaway checks. The answer's phrases are its accepted
 * forms, the proper names in them ({@link namesIn}) and the names (with their aliases) of entities it names;
 * phrases and numbers the card's own prompt already states are no secret. A true/false card's
 * secrets are the years and figures it states (or that its correction states).
 */
export function cardSecrets(card: Card, entities: Entity[] = NO_ENTITIES): CardSecrets {
	let byEntities = cache.get(card);
	const hit = byEntities?.get(entities);
	if (hit) return hit;
	const shownList = shownTexts(card);
	const shown = shownList.map(plain).join(' | ');
	const prompt = normalizeAnswer(card.prompt);
	// A true statement's own numbers are its secret; anyone else's are stated by the prompt.
	const promptNumbers = new Set(
		card.type === 'truefalse' && card.statementIsTrue ? [] : digitRuns(prompt)
	);
	const answers = answerTexts(card);
	const numbers = new Set<string>();
	const phrases = new Set<string>();
	for (const text of answers) {
		const facts = factsInText(text, entities);
		for (const fact of facts) {
			// A figure in words ("two years") is matched as a phrase.
			const words = fact.kind === 'figure' ? normalizeAnswer(fact.text) : '';
			if (words !== '' && digitRuns(words).length === 0 && !containsPhrase(prompt, words))
				phrases.add(words);
			if (fact.kind === 'entity') {
				const names = (fact.names ?? []).map(normalizeAnswer);
				if (!names.some((n) => containsPhrase(prompt, n))) names.forEach((n) => phrases.add(n));
			}
		}
		if (card.type === 'truefalse') {
			// A statement's secret is its years and figures, not every digit it holds.
			for (const fact of facts)
				if (fact.kind !== 'entity')
					for (const n of digitRuns(fact.keys[0] ?? '')) if (!promptNumbers.has(n)) numbers.add(n);
			continue;
		}
		for (const n of digitRuns(normalizeAnswer(text))) if (!promptNumbers.has(n)) numbers.add(n);
		for (const phrase of [normalizeAnswer(text), ...namesIn(text)]) {
			if (phrase !== '' && informative(phrase) && !containsPhrase(prompt, phrase))
				phrases.add(phrase);
		}
	}
	const secrets: CardSecrets = {
		sentences: (card.type === 'ordering'
			? [card.source.quote, ...card.quotes]
			: [card.source.quote]
		)
			.map(normalizeAnswer)
			.filter((s) => s !== ''),
		shown,
		shownNumbers: new Set(shownList.flatMap((t) => digitRuns(normalizeAnswer(t)))),
		phrases: [...phrases].filter((p) => !/^\d+(?:\.\d+)?$/.test(p)),
		numbers: [...numbers]
	};
	if (!byEntities) cache.set(card, (byEntities = new WeakMap()));
	byEntities.set(entities, secrets);
	return secrets;
}

/** Why two cards should not be in one quiz, or null when they may. */
export type Giveaway =
	{ kind: 'same-sentence' } | { kind: 'answer-shown'; by: string; of: string; answer: string };

/** Whether what `shower` shows contains the answer of `asker`. */
function shows(shower: CardSecrets, asker: CardSecrets): string | null {
	for (const n of asker.numbers) if (shower.shownNumbers.has(n)) return n;
	for (const p of asker.phrases) if (containsPhrase(shower.shown, p)) return p;
	return null;
}

/**
 * Whether two cards give each other away in one quiz: they quote the same sentence of the essay,
 * or one shows (in its prompt, options, correction, explanation, quote or answer) the other's
 * answer: a year or figure of it, one of its accepted forms or list items, or a name it contains.
 */
export function giveaway(a: Card, b: Card, entities?: Entity[]): Giveaway | null {
	if (a.id === b.id) return null;
	const sa = cardSecrets(a, entities);
	const sb = cardSecrets(b, entities);
	if (sa.sentences.some((s) => sb.sentences.includes(s))) return { kind: 'same-sentence' };
	const ab = shows(sa, sb);
	if (ab !== null) return { kind: 'answer-shown', by: a.id, of: b.id, answer: ab };
	const ba = shows(sb, sa);
	if (ba !== null) return { kind: 'answer-shown', by: b.id, of: a.id, answer: ba };
	return null;
}

/** The first pair of cards in a quiz that give each other away, or null when there is none. */
export function findGiveaway(
	cards: readonly Card[],
	entities?: Entity[]
): { a: string; b: string; why: Giveaway } | null {
	for (let i = 0; i < cards.length; i++)
		for (let j = i + 1; j < cards.length; j++) {
			const why = giveaway(cards[i]!, cards[j]!, entities);
			if (why) return { a: cards[i]!.id, b: cards[j]!.id, why };
		}
	return null;
}
