import * as v from 'valibot';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { BankIssue } from './issues';
import { BankHeader, ITEM_SCHEMAS, type RawItem } from './schema';
import { CARD_TYPES } from './types';

export interface LocatedItem {
	item: RawItem;
	file: string;
	line: number;
	/** The bank's section; the item's own `section` field may override it. */
	bankSection: string;
}

export interface ParsedBank {
	file: string;
	section: string;
	sectionLine: number;
	suppress: string[];
	/** Ids of removed items, each with the line it is listed on. */
	retired: { id: string; line: number }[];
	/** The section's main claims, each with its line. */
	claims: { id: string; text: string; line: number }[];
	items: LocatedItem[];
	issues: BankIssue[];
}

function describe(issue: v.BaseIssue<unknown>): { field: string; message: string } {
	const field = issue.path?.map((p) => String(p.key)).join('.') ?? '';
	if (issue.kind === 'schema' && issue.type === 'strict_object' && issue.input !== undefined) {
		return { field, message: 'is not a field of this item type' };
	}
	if (issue.input === undefined) return { field, message: 'is missing' };
	return { field, message: issue.message };
}

/** Reads one YAML question bank, checking each item against the schema for its type. */
export function parseBank(file: string, text: string): ParsedBank {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, prettyErrors: false });
	const lineOf = (offset: number | undefined) =>
		offset === undefined ? undefined : lineCounter.linePos(offset).line;
	const result: ParsedBank = {
		file,
		section: '',
		sectionLine: 1,
		suppress: [],
		retired: [],
		claims: [],
		items: [],
		issues: []
	};
	if (doc.errors.length > 0) {
		for (const error of doc.errors) {
			result.issues.push({
				file,
				line: lineOf(error.pos[0]),
				rule: 'yaml-syntax',
				message: error.message.split('\n')[0] ?? error.message
			});
		}
		return result;
	}
	const header = v.safeParse(BankHeader, doc.toJS());
	if (!header.success) {
		for (const issue of header.issues) {
			const { field, message } = describe(issue);
			result.issues.push({ file, rule: 'bank-format', message: `${field || 'file'} ${message}` });
		}
		return result;
	}
	result.section = header.output.section;
	result.suppress = header.output.suppress;
	const root = doc.contents;
	if (isMap(root)) {
		const sectionPair = root.items.find((p) => (p.key as { value?: unknown })?.value === 'section');
		result.sectionLine = lineOf((sectionPair?.key as { range?: number[] })?.range?.[0]) ?? 1;
	}
	const lineOfEntry = (key: string, index: number) => {
		const node = doc.get(key, true);
		const entry = isSeq(node) ? (node.items[index] as { range?: number[] } | undefined) : undefined;
		return lineOf(entry?.range?.[0]) ?? result.sectionLine;
	};
	result.retired = header.output.retired.map((id, i) => ({ id, line: lineOfEntry('retired', i) }));
	result.claims = header.output.claims.map((c, i) => ({ ...c, line: lineOfEntry('claims', i) }));
	const itemsNode = doc.get('items', true);
	const nodes = isSeq(itemsNode) ? itemsNode.items : [];

	header.output.items.forEach((raw, index) => {
		const node = nodes[index] as { range?: number[] } | undefined;
		const line = lineOf(node?.range?.[0]) ?? 1;
		const record = (raw ?? {}) as Record<string, unknown>;
		const itemId = typeof record.id === 'string' ? record.id : undefined;
		const type = record.type;
		if (typeof type !== 'string' || !(CARD_TYPES as readonly string[]).includes(type)) {
			result.issues.push({
				file,
				line,
				itemId,
				rule: 'unknown-type',
				message: `type ${JSON.stringify(type)} is not one of ${CARD_TYPES.join(', ')}`
			});
			return;
		}
		const parsed = v.safeParse(ITEM_SCHEMAS[type as keyof typeof ITEM_SCHEMAS], raw);
		if (!parsed.success) {
			for (const issue of parsed.issues) {
				const { field, message } = describe(issue);
				const rule =
					message === 'must not be empty'
						? `empty-${field.split('.')[0]}`
						: message === 'is missing'
							? 'missing-field'
							: message === 'is not a field of this item type'
								? 'unknown-field'
								: 'invalid-field';
				result.issues.push({ file, line, itemId, rule, message: `${field} ${message}` });
			}
			return;
		}
		result.items.push({ item: parsed.output, file, line, bankSection: result.section });
	});
	return result;
}
