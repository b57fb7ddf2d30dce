import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { parseBank, type LocatedItem } from './bank';
import { itemToCard } from './cards';
import { coverageReport, type SectionCoverage } from './coverage';
import { parseEssay, type Essay } from '$lib/essay/parse';
import { scanFacts, type FactScan } from './facts';
import { generateClozes } from './generate';
import { DeckCompileError, type BankIssue } from './issues';
import { cardsInDeck } from './membership';
import { checkRetired } from './retired';
import { claimIssues, editorChecks, itemSentences, sentenceCapIssues } from './checks';
import { EntitiesFile, SlipsFile, ThemesFile, type Entity, type Slip } from './schema';
import { wholeSentence } from './sentences';
import { contentHash, hasWords, normalizeText } from './text';
import type { Card, Deck, DeckIndex } from './types';
import { validateItems } from './validate';

/** The raw text of everything in questions/, keyed by path (`questions/banks/history.yaml`). */
export interface QuestionSources {
	essay: string;
	decks: string;
	slips: string;
	entities: string;
	/** questions/released-ids.txt: every authored id that has shipped (checked when given). */
	released?: string;
	banks: { file: string; text: string }[];
}

export interface CompiledDecks {
	index: DeckIndex;
	decks: Deck[];
	essay: Essay;
	coverage: SectionCoverage[];
	unlisted: FactScan['unlisted'];
}

export const MIN_AUTHORED_TOTAL = 150;
export const MIN_AUTHORED_PER_SECTION = 8;
/** Reasoning items (why, how, what follows...) wanted per section and in all; fewer fails. */
export const MIN_REASONING_PER_SECTION = 4;
export const MIN_REASONING_TOTAL = 45;

export interface CompileOptions {
	/** Defaults: {@link MIN_REASONING_PER_SECTION}, {@link MIN_REASONING_TOTAL}. */
	minReasoningPerSection?: number;
	minReasoningTotal?: number;
}

/** What a compile gives: the decks when they could be built at all, and every problem found. */
export interface DeckBuild {
	compiled?: CompiledDecks;
	issues: BankIssue[];
}

/** A slip quotes one whole sentence of its section, exactly. */
function slipIssues(essay: Essay, slips: Slip[], text: string): BankIssue[] {
	const lines = text.split('\n');
	const lineOf = (id: string) => {
		const at = lines.findIndex((l) => new RegExp(`^\\s*-?\\s*id:\\s*${id}\\s*$`).test(l));
		return at === -1 ? undefined : at + 1;
	};
	const issues: BankIssue[] = [];
	for (const slip of slips) {
		const at = { file: 'questions/slips.yaml', line: lineOf(slip.id), itemId: slip.id };
		if (!essay.sections.some((s) => s.slug === slip.section)) {
			issues.push({
				...at,
				rule: 'unknown-section',
				message: `"${slip.section}" is not a section`
			});
		} else if (!wholeSentence(essay, slip.section, slip.quote)) {
			issues.push({
				...at,
				rule: 'slip-not-sentence',
				message: `the quote is not one whole sentence of section ${slip.section}`
			});
		}
	}
	return issues;
}

function readFile<T extends v.GenericSchema>(
	file: string,
	text: string,
	schema: T,
	issues: BankIssue[]
) {
	let data: unknown;
	try {
		data = parseYaml(text);
	} catch (error) {
		issues.push({
			file,
			rule: 'yaml-syntax',
			message: (error as Error).message.split('\n')[0] ?? ''
		});
		return undefined;
	}
	const parsed = v.safeParse(schema, data);
	if (parsed.success) return parsed.output as v.InferOutput<T>;
	for (const issue of parsed.issues) {
		const path = issue.path?.map((p) => String(p.key)).join('.') ?? 'file';
		issues.push({ file, rule: 'file-format', message: `${path}: ${issue.message}` });
	}
	return undefined;
}

function makeDeck(
	id: string,
	title: string,
	description: string,
	kind: Deck['kind'],
	cards: Card[]
): Deck {
	const hash = contentHash(
		JSON.stringify([id, title, description, cards.map((c) => [c.id, c.hash])])
	);
	return { id, title, description, kind, hash, cards };
}

/**
 * Gives a deck the entities its cards name (questions/entities.yaml), so that quiz selection knows
 * an alias for its name ("BRI" for the Belt and Road Initiative) wherever the deck is read.
 */
function withEntities(deck: Deck, entities: readonly Entity[]): Deck {
	const text = normalizeText(JSON.stringify(deck.cards)).toLowerCase();
	const named = entities.filter((e) => [e.name, ...e.aliases].some((n) => hasWords(text, n)));
	return named.length > 0 ? { ...deck, entities: named } : deck;
}

/**
 * Compiles the essay and the question banks into decks: one per section, one per theme and one
 * with everything. Throws a {@link DeckCompileError} listing every problem when anything is wrong.
 */
export function compileDecks(
	sources: QuestionSources,
	options: CompileOptions = {}
): CompiledDecks {
	const { compiled, issues } = buildDecks(sources, options);
	if (!compiled || issues.length > 0) throw new DeckCompileError(issues);
	return compiled;
}

/**
 * Compiles what it can and lists every problem: the decks are built whenever the essay and the
 * shared files parse (for reports and reviews), but are only valid when there are no issues.
 */
export function buildDecks(sources: QuestionSources, options: CompileOptions = {}): DeckBuild {
	let essay: Essay;
	try {
		essay = parseEssay(sources.essay);
	} catch (error) {
		if (error instanceof DeckCompileError) return { issues: error.issues };
		throw error;
	}
	const issues: BankIssue[] = [];
	const themes = readFile('questions/decks.yaml', sources.decks, ThemesFile, issues);
	const slips = readFile('questions/slips.yaml', sources.slips, SlipsFile, issues);
	const entities = readFile('questions/entities.yaml', sources.entities, EntitiesFile, issues);
	const banks = [...sources.banks]
		.sort((a, b) => a.file.localeCompare(b.file))
		.map((b) => parseBank(b.file, b.text));
	const sectionSlugs = essay.sections.map((s) => s.slug as string);
	for (const bank of banks) {
		issues.push(...bank.issues);
		if (bank.issues.length === 0 && !sectionSlugs.includes(bank.section)) {
			issues.push({
				file: bank.file,
				line: bank.sectionLine,
				rule: 'unknown-section',
				message: `"${bank.section}" is not a section of the essay`
			});
		}
	}
	if (!themes || !slips || !entities) return { issues };
	issues.push(...slipIssues(essay, slips.slips, sources.slips));
	const items: LocatedItem[] = banks.flatMap((b) => b.items);
	issues.push(
		...validateItems(items, {
			essay,
			themeIds: new Set(themes.themes.map((t) => t.id)),
			slips: slips.slips
		})
	);
	const sentences = itemSentences(essay, items);
	const claimTexts = new Map(banks.flatMap((b) => b.claims.map((c) => [c.id, c.text] as const)));
	issues.push(
		...editorChecks(items, {
			entities: entities.entities,
			claimIds: new Set(claimTexts.keys()),
			sentences
		}),
		...sentenceCapIssues(items, sentences),
		...claimIssues(banks, items, sectionSlugs, {
			perSection: options.minReasoningPerSection ?? MIN_REASONING_PER_SECTION,
			total: options.minReasoningTotal ?? MIN_REASONING_TOTAL
		}),
		...checkRetired(banks, items, sources.released)
	);

	const authored = items.map((i) => itemToCard(i, entities.entities));
	const scan = scanFacts(essay, entities.entities, entities.notEntities);
	const suppress = new Map(banks.flatMap((b) => b.suppress.map((id) => [id, b] as const)));
	const { cards: generated, suppressed } = generateClozes({
		essay,
		facts: scan.facts,
		slips: slips.slips,
		items,
		sentences,
		entities: entities.entities,
		claims: claimTexts,
		suppress: new Set(suppress.keys())
	});
	for (const [id, bank] of suppress) {
		if (!suppressed.includes(id)) {
			issues.push({
				file: bank.file,
				rule: 'unknown-suppress',
				message: `no generated item has id "${id}"`
			});
		}
	}
	const allCards = essay.sections.flatMap((s) => [
		...authored.filter((c) => c.section === s.slug),
		...generated.filter((c) => c.section === s.slug)
	]);
	const sectionDecks = essay.sections.map((s) =>
		makeDeck(
			s.slug,
			s.title,
			`Every card on the essay's section "${s.title}".`,
			'section',
			cardsInDeck({ id: s.slug, kind: 'section' }, allCards)
		)
	);
	const themeDecks = themes.themes.map((t) =>
		makeDeck(
			t.id,
			t.title,
			t.description,
			'theme',
			cardsInDeck({ id: t.id, kind: 'theme' }, allCards)
		)
	);
	for (const deck of themeDecks) {
		if (deck.cards.length === 0) {
			issues.push({
				file: 'questions/decks.yaml',
				rule: 'empty-theme',
				message: `no card is tagged "${deck.id}"`
			});
		}
	}
	const all = makeDeck(
		'all',
		'The whole essay',
		'Every card from every section of the essay.',
		'all',
		allCards
	);
	const decks = [...sectionDecks, ...themeDecks, all].map((deck) =>
		withEntities(deck, entities.entities)
	);
	return {
		issues,
		compiled: {
			index: {
				essay: {
					title: essay.meta.title,
					author: essay.meta.author,
					publisher: essay.meta.publisher,
					date: essay.meta.date
				},
				decks: decks.map(({ cards, ...d }) => ({ ...d, cardCount: cards.length }))
			},
			decks,
			essay,
			coverage: coverageReport({
				essay,
				banks,
				items,
				generated,
				facts: scan.facts,
				slips: slips.slips
			}),
			unlisted: scan.unlisted
		}
	};
}
