/**
 * `npm run decks:check`: compiles the question banks, prints every problem (file, line, item id,
 * rule) or the coverage report. Exits 1 when the banks do not compile or a fact is untested.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	compileDecks,
	MIN_AUTHORED_PER_SECTION,
	MIN_AUTHORED_TOTAL
} from '../src/lib/decks/compile';
import { DeckCompileError, formatIssue } from '../src/lib/decks/issues';

const dir = 'questions';
const read = (file: string) => readFileSync(join(dir, file), 'utf8');
const bankFiles = readdirSync(join(dir, 'banks')).filter((f) => f.endsWith('.yaml'));

try {
	const compiled = compileDecks({
		essay: read('essay.md'),
		decks: read('decks.yaml'),
		slips: read('slips.yaml'),
		entities: read('entities.yaml'),
		released: read('released-ids.txt'),
		banks: bankFiles.map((f) => ({ file: `questions/banks/${f}`, text: read(`banks/${f}`) }))
	});
	let failed = false;
	let totalAuthored = 0;
	console.log('Coverage by section (authored items by type; generated clozes; untested facts)\n');
	for (const s of compiled.coverage) {
		totalAuthored += s.authored;
		const types = Object.entries(s.byType)
			.map(([t, n]) => `${t} ${n}`)
			.join(', ');
		console.log(
			`${s.section}: ${s.authored} authored (${types}); ${s.generated} generated; ${s.facts} facts, ${s.untested.length} untested`
		);
		for (const f of s.untested) console.log(`    untested ${f.kind} "${f.text}" in: ${f.sentence}`);
		if (s.untested.length > 0) failed = true;
		if (s.authored < MIN_AUTHORED_PER_SECTION) {
			console.log(`    fewer than ${MIN_AUTHORED_PER_SECTION} authored items`);
			failed = true;
		}
	}
	for (const u of compiled.unlisted) {
		console.log(
			`unlisted name "${u.text}" (${u.section}): add it to questions/entities.yaml or notEntities`
		);
		failed = true;
	}
	console.log(`\n${totalAuthored} authored items (at least ${MIN_AUTHORED_TOTAL} wanted)`);
	if (totalAuthored < MIN_AUTHORED_TOTAL) failed = true;
	console.log('Decks:');
	for (const d of compiled.index.decks)
		console.log(`  ${d.id.padEnd(24)} ${d.kind.padEnd(8)} ${d.cardCount} cards`);
	process.exitCode = failed ? 1 : 0;
} catch (error) {
	if (!(error instanceof DeckCompileError)) throw error;
	console.error(
		`The question banks do not compile (${error.issues.length} problem(s)); nothing was written.`
	);
	for (const issue of error.issues) console.error('  ' + formatIssue(issue));
	process.exitCode = 1;
}
