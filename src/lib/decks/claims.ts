import type { SectionCoverage } from './coverage';

/** The markers around the generated list of claims in questions/README.md. */
export const CLAIMS_START =
	'<!-- claims:start: written by `npm run decks:check -- --write` from the banks; do not edit -->';
export const CLAIMS_END = '<!-- claims:end -->';

/** The claims of every section with the ids of the cards testing each, as markdown. */
export function claimsBlock(coverage: readonly SectionCoverage[]): string {
	const lines: string[] = [];
	for (const section of coverage) {
		lines.push(`### ${section.title} (\`${section.section}\`)`, '');
		if (section.claims.length === 0) lines.push('No claims yet.');
		for (const claim of section.claims) {
			const cards = claim.cards.length > 0 ? claim.cards.map((c) => `\`${c}\``).join(', ') : 'none';
			lines.push(`- \`${claim.id}\`: ${claim.text} Tested by ${cards}.`);
		}
		lines.push('');
	}
	return lines.join('\n').trimEnd();
}

/** The text between the markers, trimmed; undefined when the markers are missing. */
export function readClaimsBlock(readme: string): string | undefined {
	const start = readme.indexOf(CLAIMS_START);
	const end = readme.indexOf(CLAIMS_END);
	if (start === -1 || end < start) return undefined;
	return readme.slice(start + CLAIMS_START.length, end).trim();
}

/** The README with the block between the markers replaced; undefined when the markers are missing. */
export function writeClaimsBlock(readme: string, block: string): string | undefined {
	const start = readme.indexOf(CLAIMS_START);
	const end = readme.indexOf(CLAIMS_END);
	if (start === -1 || end < start) return undefined;
	return `${readme.slice(0, start + CLAIMS_START.length)}\n\n${block}\n\n${readme.slice(end)}`;
}
