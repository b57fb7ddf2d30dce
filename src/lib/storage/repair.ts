import * as v from 'valibot';
import { S_MAX, S_MIN, State, type CardState } from '$lib/srs/states';
import { ClassRowSchema, repairedClass } from './classes';
import { inTransaction, type MeridianDB } from './db';
import { dropAllChunks } from './log-chunks';
import { storageHealth } from './health.svelte';
import { CardStateSchema, describeIssue, QuizAttemptSchema, ReviewLogSchema } from './schemas';

/** One stored row that fails its schema: where it is and what is wrong with it. */
export interface UnreadableRow {
	store: 'cardStates' | 'reviewLogs' | 'quizAttempts' | 'classes';
	key: string;
	field: string;
	message: string;
}

const CHECKED = [
	['cardStates', CardStateSchema],
	['reviewLogs', ReviewLogSchema],
	['quizAttempts', QuizAttemptSchema],
	['classes', ClassRowSchema]
] as const;

const BATCH = 5000;

/** Every stored row no page could read, store by store, reading in batches. */
export function findUnreadable(db: MeridianDB): Promise<UnreadableRow[]> {
	const scope = ['cardStates', 'reviewLogs', 'quizAttempts', 'classes'] as const;
	return inTransaction(db, [...scope], 'readonly', async (tx) => {
		const found: UnreadableRow[] = [];
		for (const [store, schema] of CHECKED) {
			const source = tx.objectStore(store);
			let after: IDBValidKey | null = null;
			for (;;) {
				const range: IDBKeyRange | null =
					after === null ? null : IDBKeyRange.lowerBound(after, true);
				const [keys, rows]: [IDBValidKey[], unknown[]] = await Promise.all([
					source.getAllKeys(range, BATCH),
					source.getAll(range, BATCH)
				]);
				if (rows.length === 0) break;
				rows.forEach((row, i) => {
					const parsed = v.safeParse(schema, row);
					if (!parsed.success) {
						const key = keys[i];
						found.push({
							store,
							key: Array.isArray(key) ? key.join(' ') : String(key),
							...describeIssue(parsed.issues)
						});
					}
				});
				after = keys.at(-1)!;
			}
		}
		return found;
	});
}

const clamp = (value: unknown, min: number, max: number) =>
	typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : value;

/**
 * A card state brought back into the scheduler's ranges (stability, difficulty, counts), or null
 * when it is beyond that (a missing field, a wrong type): the card is then studied as new, its
 * review log kept.
 */
export function repairedState(row: unknown): CardState | null {
	if (typeof row !== 'object' || row === null) return null;
	const state = row as Record<string, unknown>;
	const studied = state.state !== State.New;
	const candidate = {
		...state,
		stability: clamp(state.stability, studied ? S_MIN : 0, S_MAX),
		difficulty: clamp(state.difficulty, studied ? 1 : 0, 10),
		elapsedDays: clamp(state.elapsedDays, 0, S_MAX),
		scheduledDays: clamp(state.scheduledDays, 0, S_MAX),
		reps: clamp(state.reps, 0, 1_000_000),
		lapses: clamp(state.lapses, 0, 1_000_000),
		learningSteps: clamp(state.learningSteps, 0, 1_000_000)
	};
	return v.is(CardStateSchema, candidate) ? candidate : null;
}

export interface RepairSummary {
	statesRepaired: number;
	statesRemoved: number;
	attemptsRemoved: number;
	logsRemoved: number;
	/** Classes whose key and code could be kept, completed with defaults; the rest removed. */
	classesRepaired: number;
	classesRemoved: number;
}

/**
 * Repairs the unreadable rows in one transaction: card states are brought back into range (or
 * removed, so the card starts afresh), attempts no quiz can show or resume and unreadable review
 * logs are removed (they were already left out of every page and of the summaries), a class row
 * keeps what can be kept (see repairedClass) or is removed. Readable rows are never touched. (Settings rows are completed on every read, see parseSettings.)
 */
export async function repairStorage(db: MeridianDB): Promise<RepairSummary> {
	const rows = await findUnreadable(db);
	const scope = ['cardStates', 'reviewLogs', 'quizAttempts', 'classes', 'logChunks'] as const;
	const summary = await inTransaction(db, [...scope], 'readwrite', async (tx, track) => {
		const done: RepairSummary = {
			statesRepaired: 0,
			statesRemoved: 0,
			attemptsRemoved: 0,
			logsRemoved: 0,
			classesRepaired: 0,
			classesRemoved: 0
		};
		for (const row of rows) {
			if (row.store === 'cardStates') {
				const stored = await tx.objectStore('cardStates').get(row.key);
				if (stored === undefined || v.is(CardStateSchema, stored)) continue; // changed since
				const repaired = repairedState(stored);
				if (repaired) {
					track(tx.objectStore('cardStates').put(repaired));
					done.statesRepaired++;
				} else {
					track(tx.objectStore('cardStates').delete(row.key));
					done.statesRemoved++;
				}
			} else if (row.store === 'quizAttempts') {
				const stored = await tx.objectStore('quizAttempts').get(row.key);
				if (stored === undefined || v.is(QuizAttemptSchema, stored)) continue;
				track(tx.objectStore('quizAttempts').delete(row.key));
				done.attemptsRemoved++;
			} else if (row.store === 'reviewLogs') {
				const stored = await tx.objectStore('reviewLogs').get(row.key);
				if (stored === undefined || v.is(ReviewLogSchema, stored)) continue;
				// Unreadable logs were never in the summaries, so these stay exact.
				track(tx.objectStore('reviewLogs').delete(row.key));
				done.logsRemoved++;
			}
		}
		// The backup's sealed pieces of the log are rebuilt by the next export.
		if (done.logsRemoved > 0) dropAllChunks(tx.objectStore('logChunks'), track);
		// Class rows are keyed by [role, code]: walked with a cursor rather than found by key.
		if (rows.some((row) => row.store === 'classes')) {
			let cursor = await tx.objectStore('classes').openCursor();
			while (cursor) {
				if (!v.is(ClassRowSchema, cursor.value)) {
					const repaired = repairedClass(cursor.value);
					if (repaired) {
						track(cursor.update(repaired));
						done.classesRepaired++;
					} else {
						track(cursor.delete());
						done.classesRemoved++;
					}
				}
				cursor = await cursor.continue();
			}
		}
		return done;
	});
	storageHealth.clear();
	return summary;
}
