/** One thing wrong with the question banks, with where it is. */
export interface BankIssue {
	file: string;
	line?: number;
	itemId?: string;
	rule: string;
	message: string;
}

/** Formats an issue as `file:line [item] rule: message`. */
export function formatIssue(issue: BankIssue): string {
	const where = issue.line ? `${issue.file}:${issue.line}` : issue.file;
	const item = issue.itemId ? ` [${issue.itemId}]` : '';
	return `${where}${item} ${issue.rule}: ${issue.message}`;
}

/** Thrown when the question banks do not compile; nothing has been written. */
export class DeckCompileError extends Error {
	readonly issues: BankIssue[];
	constructor(issues: BankIssue[]) {
		super(
			`The question banks have ${issues.length} problem(s):\n` +
				issues.map((i) => '  ' + formatIssue(i)).join('\n')
		);
		this.name = 'DeckCompileError';
		this.issues = issues;
	}
}
