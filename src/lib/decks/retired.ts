import type { LocatedItem, ParsedBank } from './bank';
import type { BankIssue } from './issues';

export const RELEASED_FILE = 'questions/released-ids.txt';

/** The ids in released-ids.txt, each with its line; `#` comments and blank lines are skipped. */
export function parseReleased(text: string): { id: string; line: number }[] {
	return text
		.split('\n')
		.map((raw, i) => ({ id: raw.replace(/#.*$/, '').trim(), line: i + 1 }))
		.filter((entry) => entry.id !== '');
}

/**
 * Retired ids: an id retired in any bank may not be used by an item, an id is retired once, and
 * every released authored id (generated `g-` ids are exempt) is still an item or is retired.
 */
export function checkRetired(
	banks: ParsedBank[],
	items: LocatedItem[],
	released: string | undefined
): BankIssue[] {
	const issues: BankIssue[] = [];
	const retired = new Map<string, { file: string; line: number }>();
	for (const bank of banks) {
		for (const { id, line } of bank.retired) {
			const first = retired.get(id);
			if (first) {
				issues.push({
					file: bank.file,
					line,
					itemId: id,
					rule: 'duplicate-retired',
					message: `"${id}" is already retired at ${first.file}:${first.line}`
				});
			} else retired.set(id, { file: bank.file, line });
		}
	}
	for (const { item, file, line } of items) {
		const where = retired.get(item.id);
		if (where) {
			issues.push({
				file,
				line,
				itemId: item.id,
				rule: 'retired-id-reused',
				message: `"${item.id}" is retired at ${where.file}:${where.line}; a removed item's id is never reused (give the item a new id)`
			});
		}
	}
	if (released === undefined) return issues;
	const itemIds = new Set(items.map((i) => i.item.id));
	for (const { id, line } of parseReleased(released)) {
		if (id.startsWith('g-') || itemIds.has(id) || retired.has(id)) continue;
		issues.push({
			file: RELEASED_FILE,
			line,
			itemId: id,
			rule: 'released-id-dropped',
			message: `"${id}" has shipped but is neither an item nor retired: keep the item, or list its id under retired: in its bank`
		});
	}
	return issues;
}
