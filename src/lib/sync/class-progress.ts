import * as v from 'valibot';
import type { ProgressCard } from '$lib/api';
import type { CardState } from '$lib/srs/scheduler';
import { StudentClassSchema, type StudentClass } from '$lib/storage/classes';
import { inTransaction, type MeridianDB } from '$lib/storage/db';
import { queuedItem, type OutboxRow } from '$lib/storage/outbox';
import { CardStateSchema } from '$lib/storage/schemas';

/** The outbox id of an assignment's progress report: one per assignment while it waits. */
export const progressItemId = (assignmentCode: string) => `progress:${assignmentCode}`;

/** A card's FSRS state as a progress report carries it. */
export function progressCard(state: CardState): ProgressCard {
	return {
		cardId: state.cardId,
		stability: state.stability,
		difficulty: state.difficulty,
		lastReview: state.lastReview,
		reps: state.reps,
		lapses: state.lapses,
		state: state.state
	};
}

/** `current` without the cards `sent` carried as they are (a card changed since stays). */
export function sentCardsRemoved(
	current: readonly ProgressCard[],
	sent: readonly ProgressCard[]
): ProgressCard[] {
	const sentAt = new Map(sent.map((card) => [card.cardId, card.lastReview]));
	return current.filter((card) => sentAt.get(card.cardId) !== card.lastReview);
}

/** The cards of `waiting` with `fresh` merged in, one per card (the fresh state wins). */
function merged(waiting: readonly ProgressCard[], fresh: readonly ProgressCard[]): ProgressCard[] {
	const byCard = new Map(waiting.map((card) => [card.cardId, card]));
	for (const card of fresh) byCard.set(card.cardId, card);
	return [...byCard.values()];
}

/** A class progress is reported to: joined, with its member key and an overview. */
const reportingClass = (row: unknown): row is StudentClass =>
	v.is(StudentClassSchema, row) &&
	row.sync === 'joined' &&
	row.memberKey !== null &&
	row.overview !== null;

/** Whether any class progress is reported to has an open review assignment. */
const openReviewsIn = (rows: readonly unknown[]): boolean =>
	rows
		.filter(reportingClass)
		.some((row) => row.overview!.assignments.some((a) => a.mode === 'review' && !a.closed));

/**
 * Queues the review progress of every class the student joined: for each open review assignment
 * of a class (as the class's last overview lists it), the cards of the assignment studied since
 * joining whose state changed since it was last queued. One outbox item per assignment: while it
 * waits, new cards are merged into it (a card once), so studying offline for a week sends one
 * report. A report the server refused (a 4xx: kept, shown on home) is queued again with its
 * cards and the new ones, so no refused card is left behind. All in one transaction: what is
 * marked queued is in the outbox. Returns the cards queued.
 */
export async function queueClassProgress(db: MeridianDB, now: number): Promise<number> {
	// Most students are in no class: a readonly look at the classes first, so that the write
	// transaction, over the card states, is only taken when there may be progress to queue (it
	// would make the page's own first read of the states wait: issue 18).
	const scope = ['classes', 'cardStates', 'outbox'] as const;
	const look = await inTransaction(db, ['classes'], 'readonly', (tx) => tx.store.getAll());
	if (!openReviewsIn(look)) return 0;
	return inTransaction(db, [...scope], 'readwrite', async (tx, track) => {
		const classes = tx.objectStore('classes');
		const rows = await classes.getAll();
		// Looked at again in the write: a class may have changed since.
		if (!openReviewsIn(rows)) return 0;
		const states = new Map<string, CardState>();
		for (const state of await tx.objectStore('cardStates').getAll()) {
			if (v.is(CardStateSchema, state)) states.set(state.cardId, state);
		}
		const outbox = tx.objectStore('outbox');
		let queued = 0;
		for (const row of rows.filter(reportingClass)) {
			const progress = { ...row.progress };
			for (const assignment of row.overview!.assignments) {
				if (assignment.mode !== 'review' || assignment.closed) continue;
				const sent = progress[assignment.code] ?? {};
				const changed = assignment.questionIds
					.map((id) => states.get(id))
					.filter(
						(s): s is CardState & { lastReview: number; lastLogId: string } =>
							s !== undefined &&
							s.lastReview !== null &&
							s.lastLogId !== null &&
							s.lastReview >= row.joinedAt &&
							sent[s.cardId] !== s.lastLogId
					);
				if (changed.length === 0) continue;
				const id = progressItemId(assignment.code);
				const before = await outbox.get(id);
				// A waiting report takes the new cards; so does one the server refused (its cards are
				// marked queued, so they would never be sent again): it goes out again with them.
				const waiting =
					before && before.status !== 'sent' ? (before.body.cards as ProgressCard[]) : [];
				const item: OutboxRow = {
					...(before?.status === 'waiting'
						? before
						: queuedItem({ id, kind: 'progress', code: assignment.code, body: {} }, now)),
					key: row.memberKey!,
					body: { studentId: row.studentId, cards: merged(waiting, changed.map(progressCard)) },
					revision: (before?.revision ?? 0) + 1
				};
				track(outbox.put(item));
				progress[assignment.code] = {
					...sent,
					...Object.fromEntries(changed.map((s) => [s.cardId, s.lastLogId]))
				};
				queued += changed.length;
			}
			if (JSON.stringify(progress) !== JSON.stringify(row.progress)) {
				track(classes.put({ ...row, progress }));
			}
		}
		return queued;
	});
}
