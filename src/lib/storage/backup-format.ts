// The compact line of a backup file (format "columns", written since issue 18): a record is a JSON
// array of its values in a fixed order, not an object that names every field again on every line.
// Pure code (no IndexedDB): backup.ts writes and reads the file, this only turns records into
// lines' values and back. The header of a "columns" file lists each store's fields, so a reader
// can tell that a file's columns are the ones it knows.
//
//   {"app":"meridian","format":"columns",...,"stores":["settings","cardStates",...],
//    "fields":{"cardStates":["cardId","due",...],"reviewLogs":["id","cardId",...]}}
//   [0,{"key":"study","value":{...}}]         a store without columns: its index, the record
//   [1,"card-1",1767600000000,3.2,...]         a store with columns: its index, then the values
//   [4,"log-1","card-1",3,...,[...],...]       a review's `previous` is a card state's values
//   {"end":{"settings":1,"cardStates":283,...}}

/** A card state's fields in the order a "columns" line lists them. */
export const CARD_STATE_FIELDS = [
	'cardId',
	'due',
	'stability',
	'difficulty',
	'elapsedDays',
	'scheduledDays',
	'learningSteps',
	'reps',
	'lapses',
	'state',
	'lastReview',
	'lastLogId'
] as const;

/** A review's fields; `previous` (the card's state before it, or null) as a card state's values. */
export const REVIEW_LOG_FIELDS = [
	'id',
	'cardId',
	'rating',
	'reviewedAt',
	'source',
	'previous',
	'state',
	'due',
	'stability',
	'difficulty',
	'scheduledDays',
	'elapsedDays',
	'durationMs'
] as const;

/** The stores written as columns, with their fields; every other store's record is one object. */
export const COLUMNS: Record<string, readonly string[]> = {
	cardStates: CARD_STATE_FIELDS,
	reviewLogs: REVIEW_LOG_FIELDS
};

type Row = Record<string, unknown>;

/** The values of `fields` of `record`, in order (a missing field is written as null). */
function valuesOf(record: Row, fields: readonly string[]): unknown[] {
	const values = new Array<unknown>(fields.length);
	for (let i = 0; i < fields.length; i++) values[i] = record[fields[i]!] ?? null;
	return values;
}

/** An object of `fields` from `values` starting at `from` (validated afterwards, as any record). */
function objectOf(values: readonly unknown[], from: number, fields: readonly string[]): Row {
	const record: Row = {};
	for (let i = 0; i < fields.length; i++) record[fields[i]!] = values[from + i];
	return record;
}

/**
 * One record as a line: `[storeIndex, ...values]` for a store with columns, else
 * `[storeIndex, record]`. Returns the line's JSON (without its line break).
 */
export function encodeRecord(store: string, index: number, record: unknown): string {
	const fields = COLUMNS[store];
	if (!fields) return JSON.stringify([index, record]);
	const row = record as Row;
	const values = valuesOf(row, fields);
	values.unshift(index);
	if (store === 'reviewLogs') {
		const previous = row.previous as Row | null | undefined;
		values[1 + REVIEW_LOG_FIELDS.indexOf('previous')] = previous
			? valuesOf(previous, CARD_STATE_FIELDS)
			: null;
	}
	return JSON.stringify(values);
}

const PREVIOUS_AT = REVIEW_LOG_FIELDS.indexOf('previous');

/**
 * The record a parsed line of `store` holds, not yet validated; undefined when the line does not
 * have the shape of that store's lines (the wrong number of values, say).
 */
export function decodeRecord(store: string, line: readonly unknown[]): unknown {
	const fields = COLUMNS[store];
	if (!fields) return line.length === 2 ? line[1] : undefined;
	if (line.length !== fields.length + 1) return undefined;
	const record = objectOf(line, 1, fields);
	if (store === 'reviewLogs') {
		const previous = line[1 + PREVIOUS_AT];
		if (Array.isArray(previous)) {
			if (previous.length !== CARD_STATE_FIELDS.length) return undefined;
			record.previous = objectOf(previous, 0, CARD_STATE_FIELDS);
		}
	}
	return record;
}

/** True when a file's header lists exactly the columns this code reads (a store it lists). */
export function sameColumns(fields: Record<string, readonly string[]>): boolean {
	const stores = Object.keys(COLUMNS);
	return (
		Object.keys(fields).length === stores.length &&
		stores.every((store) => {
			const theirs = fields[store];
			const ours = COLUMNS[store]!;
			return (
				Array.isArray(theirs) &&
				theirs.length === ours.length &&
				ours.every((field, i) => theirs[i] === field)
			);
		})
	);
}
