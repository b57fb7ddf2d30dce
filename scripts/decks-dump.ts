/**
 * `npx tsx scripts/decks-dump.ts [deck-id]`: prints the cards of one compiled deck (default: all) as
 * an editor reads them - id, type, prompt, answer, options, explanation, source - for reviewing the
 * banks card by card. Prints the compile problems instead when the banks do not compile.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileDecks } from '../src/lib/decks/compile';
import { DeckCompileError, formatIssue } from '../src/lib/decks/issues';
import type { Card } from '../src/lib/decks/types';

const dir = 'questions';
const read = (file: string) => readFileSync(join(dir, file), 'utf8');
const bankFiles = readdirSync(join(dir, 'banks')).filter((f) => f.endsWith('.yaml'));
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
			return [`accepted: ${card.accepted.join(' | ')}`];
		case 'numeric':
			return [`value: ${card.value} ${card.unit} (tolerance ${card.tolerance})`];
		case 'ordering':
			return card.events.map((e, i) => `  ${i + 1}. ${e}`);
		default:
			return card.accepted ? [`accepted: ${card.accepted.join(' | ')}`] : [];
	}
}

try {
	const compiled = compileDecks({
		essay: read('essay.md'),
		decks: read('decks.yaml'),
		slips: read('slips.yaml'),
		entities: read('entities.yaml'),
		released: read('released-ids.txt'),
		banks: bankFiles.map((f) => ({ file: `questions/banks/${f}`, text: read(`banks/${f}`) }))
	});
	const deck = compiled.decks.find((d) => d.id === deckId);
	if (!deck)
		throw new Error(`no deck "${deckId}"; decks: ${compiled.decks.map((d) => d.id).join(', ')}`);
	console.log(`# ${deck.title} (${deck.cards.length} cards)\n`);
	for (const card of deck.cards) {
		const flags = [
			card.generated ? 'generated' : '',
			card.reasoning ? 'reasoning' : '',
			card.beyondEssay ? 'beyond the essay' : '',
			card.slip ? `slip ${card.slip}` : ''
		].filter(Boolean);
		console.log(`[${card.id}] ${card.type}${flags.length ? ` (${flags.join(', ')})` : ''}`);
		console.log(`  Q: ${card.prompt}`);
		console.log(`  A: ${card.answer}`);
		for (const line of details(card)) console.log(`  ${line}`);
		console.log(`  why: ${card.explanation}`);
		console.log(`  source: ${card.source.quote}\n`);
	}
} catch (error) {
	if (!(error instanceof DeckCompileError)) throw error;
	console.error(`The question banks do not compile (${error.issues.length} problem(s)):`);
	for (const issue of error.issues) console.error('  ' + formatIssue(issue));
	process.exitCode = 1;
}
