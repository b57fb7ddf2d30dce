import * as v from 'valibot';
import {
	MAX_ROSTER_ENTRIES,
	RosterEntryInputSchema,
	PersonName,
	StudentNumber,
	validate
} from '$lib/api';
import { numberKey } from './match';

// Reading a roster (pure): pasted text, one "name, student number" a line, or a list of entries.
// Every problem names its line (or list index); one problem and nothing is stored.

/** One roster entry as read, ready to store. */
export interface ParsedEntry {
	name: string;
	studentNumber: string | null;
	timeMultiplier: number;
	/** 1-based line of the pasted text, or list index + 1. */
	line: number;
}

/** A roster that cannot be read: the message names the line and the problem. */
export class RosterError extends Error {
	override name = 'RosterError';
}

/** An entry already on the roster, for the duplicate check when adding. */
export interface ExistingEntry {
	name: string;
	studentNumber: string | null;
}

/** Splits one pasted line into name and number: a tab, else the last comma before a number. */
export function splitLine(line: string): { name: string; studentNumber: string } {
	if (line.includes('\t')) {
		const [name = '', number = ''] = line.split('\t').map((f) => f.trim());
		return { name, studentNumber: number };
	}
	const comma = line.lastIndexOf(',');
	if (comma !== -1) {
		const number = line.slice(comma + 1).trim();
		// "Smith, Ann" is a name: a student number has a digit.
		if (/\d/.test(number) || number === '') {
			return { name: line.slice(0, comma).trim(), studentNumber: number };
		}
	}
	return { name: line.trim(), studentNumber: '' };
}

function read<S extends v.GenericSchema>(schema: S, value: unknown, where: string) {
	const result = validate(schema, value);
	if (!result.ok) {
		// validate names the field as "body" for a bare value: say the field instead.
		throw new RosterError(`${where}: ${result.error.replace(/^body: /, '')}`);
	}
	return result.value as v.InferOutput<S>;
}

/**
 * Reads a roster: text (empty and whitespace-only lines skipped; a tab or the last comma
 * separates the student number) or a list of `{ name, studentNumber?, timeMultiplier? }`.
 * Names and numbers follow the API's HumanText rules (NFC; bidi controls and lone surrogates
 * refused); markup is kept as text. At most {@link MAX_ROSTER_ENTRIES} entries with the ones
 * `existing`; a student number twice (compared as {@link numberKey} reads it) is refused,
 * naming both lines.
 */
export function parseRoster(
	input: string | readonly unknown[],
	existing: readonly ExistingEntry[] = []
): ParsedEntry[] {
	const entries: ParsedEntry[] = [];
	const label = (line: number) =>
		typeof input === 'string' ? `roster line ${line}` : `roster.${line - 1}`;
	if (typeof input === 'string') {
		const lines = input.split(/\r\n|\n|\r/);
		const filled = lines.filter((l) => l.trim() !== '').length;
		if (filled + existing.length > MAX_ROSTER_ENTRIES) {
			throw new RosterError(
				`roster: at most ${MAX_ROSTER_ENTRIES} students in a class, got ${filled + existing.length}`
			);
		}
		lines.forEach((text, i) => {
			if (text.trim() === '') return;
			const line = i + 1;
			const parts = splitLine(text);
			const name = read(PersonName, parts.name, `${label(line)}: name`);
			const number = read(StudentNumber, parts.studentNumber, `${label(line)}: student number`);
			entries.push({ name, studentNumber: number || null, timeMultiplier: 1, line });
		});
	} else {
		if (input.length + existing.length > MAX_ROSTER_ENTRIES) {
			throw new RosterError(
				`roster: at most ${MAX_ROSTER_ENTRIES} students in a class, got ${input.length + existing.length}`
			);
		}
		input.forEach((item, i) => {
			const entry = read(RosterEntryInputSchema, item, label(i + 1));
			entries.push({
				name: entry.name,
				studentNumber: entry.studentNumber || null,
				timeMultiplier: entry.timeMultiplier ?? 1,
				line: i + 1
			});
		});
	}
	const seen = new Map<string, string>();
	for (const entry of existing) {
		if (entry.studentNumber) seen.set(numberKey(entry.studentNumber), `the roster (${entry.name})`);
	}
	for (const entry of entries) {
		if (!entry.studentNumber) continue;
		const key = numberKey(entry.studentNumber);
		const before = seen.get(key);
		if (before !== undefined) {
			throw new RosterError(
				`${label(entry.line)}: student number "${entry.studentNumber}" is already on ${before}`
			);
		}
		seen.set(key, typeof input === 'string' ? `line ${entry.line}` : `roster.${entry.line - 1}`);
	}
	return entries;
}
