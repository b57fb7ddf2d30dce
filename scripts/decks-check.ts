/**
 * `npm run decks:check`: compiles the question banks and prints the report - per section and per
 * type the cards (authored, generated), reasoning items, claims covered, slips and how each is
 * handled, untested facts - then every problem (file, line, item id, rule). Exits 1 on any
 * problem, untested fact, unlisted name, too few items, or when the claims block of
 * questions/README.md is out of date; `npm run decks:check -- --write` rewrites that block.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimsBlock, readClaimsBlock, writeClaimsBlock } from '../src/lib/decks/claims';
import {
	buildDecks,
	MIN_AUTHORED_PER_SECTION,
	MIN_AUTHORED_TOTAL,
	MIN_REASONING_PER_SECTION,
	MIN_REASONING_TOTAL
} from '../src/lib/decks/compile';
import type { SectionCoverage } from '../src/lib/decks/coverage';
import { formatIssue } from '../src/lib/decks/issues';
import { QUESTIONS_DIR, readQuestionSources } from './question-sources';
import { CARD_TYPES } from '../src/lib/decks/types';

const readmePath = join(QUESTIONS_DIR, 'README.md');
const write = process.argv.includes('--write');

const { compiled, issues } = buildDecks(readQuestionSources());
const failures: string[] = [];

function report(s: SectionCoverage) {
	const covered = s.claims.filter((c) => c.cards.length > 0).length;
	console.log(
		`\n## ${s.section}: ${s.authored + s.generated} cards (${s.authored} authored, ${s.generated} generated); ` +
			`${s.reasoning} reasoning; claims ${covered}/${s.claims.length} covered; ` +
			`${s.facts} facts (${s.exempt} in slip sentences, exempt), ${s.untested.length} untested`
	);
	const types = CARD_TYPES.filter((t) => s.byType[t] + s.generatedByType[t] > 0)
		.map((t) => `${t} ${s.byType[t]}+${s.generatedByType[t]}`)
		.join(', ');
	console.log(`  by type (authored+generated): ${types || 'none'}`);
	for (const c of s.claims) {
		console.log(
			`  claim ${c.id}: ${c.cards.length > 0 ? `${c.cards.length} card(s): ${c.cards.join(', ')}` : 'UNTESTED'}`
		);
	}
	for (const slip of s.slips) {
		const how =
			slip.items.length === 0
				? 'no item cites it (never drilled; no generated card from its sentence)'
				: `${slip.items.length} item(s); beyond the essay: ${slip.beyond.join(', ') || 'none'}; asks what the essay claims: ${slip.essayClaim.join(', ') || 'none'}`;
		console.log(`  slip ${slip.id}: ${how}`);
	}
	for (const f of s.untested) console.log(`  untested ${f.kind} "${f.text}" in: ${f.sentence}`);
	if (s.untested.length > 0) failures.push(`${s.section}: ${s.untested.length} untested fact(s)`);
	if (s.authored < MIN_AUTHORED_PER_SECTION) {
		failures.push(`${s.section}: fewer than ${MIN_AUTHORED_PER_SECTION} authored items`);
	}
}

if (compiled) {
	console.log('Coverage by section');
	for (const s of compiled.coverage) report(s);
	const sum = (f: (s: SectionCoverage) => number) =>
		compiled.coverage.reduce((n, s) => n + f(s), 0);
	const authored = sum((s) => s.authored);
	const claims = sum((s) => s.claims.length);
	const covered = sum((s) => s.claims.filter((c) => c.cards.length > 0).length);
	const slips = compiled.coverage.flatMap((s) => s.slips);
	console.log(
		`\nTotals: ${authored + sum((s) => s.generated)} cards (${authored} authored, at least ${MIN_AUTHORED_TOTAL} wanted; ` +
			`${sum((s) => s.generated)} generated); ${sum((s) => s.reasoning)} reasoning items ` +
			`(at least ${MIN_REASONING_TOTAL}, ${MIN_REASONING_PER_SECTION} per section); claims ${covered}/${claims} covered; ` +
			`${slips.length} slips (${slips.filter((s) => s.items.length > 0).length} cited: ` +
			`${slips.reduce((n, s) => n + s.beyond.length, 0)} beyond-the-essay items, ` +
			`${slips.reduce((n, s) => n + s.essayClaim.length, 0)} essay-claim items); ` +
			`${sum((s) => s.untested.length)} untested facts`
	);
	if (authored < MIN_AUTHORED_TOTAL)
		failures.push(`fewer than ${MIN_AUTHORED_TOTAL} authored items`);
	for (const u of compiled.unlisted) {
		failures.push(
			`unlisted name "${u.text}" (${u.section}): add it to questions/entities.yaml or notEntities`
		);
	}
	console.log('\nDecks:');
	for (const d of compiled.index.decks) {
		console.log(`  ${d.id.padEnd(24)} ${d.kind.padEnd(8)} ${d.cardCount} cards`);
	}
	const readme = readFileSync(readmePath, 'utf8');
	const block = claimsBlock(compiled.coverage);
	const current = readClaimsBlock(readme);
	if (current === undefined) {
		failures.push(`${readmePath} has no claims block markers`);
	} else if (current !== block) {
		if (write) {
			writeFileSync(readmePath, writeClaimsBlock(readme, block) ?? readme);
			console.log(`\nWrote the claims block of ${readmePath}.`);
		} else {
			failures.push(
				`the claims block of ${readmePath} is out of date: run npm run decks:check -- --write`
			);
		}
	}
}

if (issues.length > 0) {
	console.error(
		`\nThe question banks do not compile (${issues.length} problem(s)); nothing was written:`
	);
	for (const issue of issues) console.error('  ' + formatIssue(issue));
}
for (const f of failures) console.error(`FAIL ${f}`);
process.exitCode = issues.length > 0 || failures.length > 0 ? 1 : 0;
