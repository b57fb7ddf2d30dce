/**
 * `npx tsx scripts/decks-dump.ts [deck-id]`: prints the cards of one compiled deck (default: all) as
 * an editor reads them - id, type, prompt, answer, options, explanation, source - for reviewing the
 * banks card by card. Prints the compile problems too (on stderr, exit 1) and still dumps the cards
 * whenever the decks could be built at all.
 */
import { buildDecks } from '../src/lib/decks/compile';
import { formatIssue } from '../src/lib/decks/issues';
import { readQuestionSources } from './question-sources';
import type { Card } from '../src/lib/decks/types';

const deckId = process.argv[2] ?? 'all';

function details(card: Card): string[] {
	switch (card.type) {
		case 'mcq':
			return [`options: ${card.options.join(' | ')}`];
		case 'cloze':
			return [
				`text: ${card.text}`,
				`blanks: ${card.blanks.map((b) => [b.answer, ...b.accepted].join(' / ')).join(' ; ')}`,
				...(card.distractors ? [`distractors: ${card.distractors.join(' | ')}`] : [])
			];
		case 'truefalse':
			return card.correction ? [`correction: ${card.correction}`] : [];
		case 'typed':
			return [
				`accepted: ${card.accepted.join(' | ')}`,
				...(card.keyTerms
					? [`key terms: ${card.keyTerms.map((t) => t.join('/')).join(' + ')}`]
					: [])
			];
		case 'numeric':
			return [`value: ${card.value} ${card.unit} (tolerance ${card.tolerance})`];
		case 'ordering':
			return [
				...card.events.map((e, i) => `  ${i + 1}. ${e}`),
				...card.quotes.map((q, i) => `quote (${card.quoteSections?.[i] ?? card.section}): ${q}`)
			];
		default:
			return card.accepted ? [`accepted: ${card.accepted.join(' | ')}`] : [];
	}
}

const { compiled, issues } = buildDecks(readQuestionSources());
if (issues.length > 0) {
	console.error(`The question banks do not compile (${issues.length} problem(s)):`);
	for (const issue of issues) console.error('  ' + formatIssue(issue));
	process.exitCode = 1;
}
const deck = compiled?.decks.find((d) => d.id === deckId);
if (compiled && !deck) {
	console.error(`no deck "${deckId}"; decks: ${compiled.decks.map((d) => d.id).join(', ')}`);
	process.exitCode = 1;
}
if (deck) {
	console.log(`# ${deck.title} (${deck.cards.length} cards)\n`);
	for (const card of deck.cards) {
		const flags = [
			card.generated ? 'generated' : '',
			card.reasoning ? 'reasoning' : '',
			card.beyondEssay ? 'beyond the essay' : '',
			card.slip ? `slip ${card.slip}` : '',
			card.map ? `map ${card.map}` : '',
			card.claims ? `claims ${card.claims.join(', ')}` : ''
		].filter(Boolean);
		console.log(`[${card.id}] ${card.type}${flags.length ? ` (${flags.join(', ')})` : ''}`);
		console.log(`  Q: ${card.prompt}`);
		console.log(`  A: ${card.answer}`);
		for (const line of details(card)) console.log(`  ${line}`);
		console.log(`  why: ${card.explanation}`);
		console.log(`  source: ${card.source.quote}\n`);
	}
}
