import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { compileDecks } from '$lib/decks/compile';
import { EntitiesFile, type Entity } from '$lib/decks/schema';
import type { Card, Deck } from '$lib/decks/types';

/**
 * The real question banks compiled the way `npm run decks:check` does, for specs and benchmarks
 * (Node only: it reads questions/ from the working directory).
 */
export function realBanks(): { decks: Deck[]; cards: Card[]; entities: Entity[] } {
	const read = (file: string) => readFileSync(join('questions', file), 'utf8');
	const banks = readdirSync(join('questions', 'banks')).filter((f) => f.endsWith('.yaml'));
	const entitiesText = read('entities.yaml');
	const { decks } = compileDecks({
		essay: read('essay.md'),
		decks: read('decks.yaml'),
		slips: read('slips.yaml'),
		entities: entitiesText,
		banks: banks.map((f) => ({ file: `questions/banks/${f}`, text: read(`banks/${f}`) }))
	});
	const all = decks.find((d) => d.kind === 'all') ?? decks[0]!;
	const entities = v.parse(EntitiesFile, parseYaml(entitiesText)).entities;
	return { decks, cards: all.cards, entities };
}
