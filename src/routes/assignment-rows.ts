import type { DeviceAssignment } from '$lib/storage/assignments';
import type { ClassAssignment } from '$lib/storage/classes';
import type { OutboxRow } from '$lib/storage/outbox';

/** Where a student stands on an assignment, as home shows it (in words, never colour alone). */
export type RowState = 'to do' | 'done' | 'late' | 'missing' | 'waiting' | 'refused' | 'studying';

/** One line of home's assignment list: a single assignment or one of a class's. */
export interface AssignmentRow {
	code: string;
	title: string;
	deckId: string;
	deckTitle: string;
	mode: 'quiz' | 'review';
	/** The due date that holds for this student (their extension, if any). */
	dueAt: string;
	/** The assignment's own due date when the student has an extension. */
	extendedFrom: string | null;
	closed: boolean;
	/** Minutes from start to finish, the student's extra time included; null without a limit. */
	timeLimitMinutes: number | null;
	state: RowState;
	/** The state in words: "done, 80 %", "12 of 40 cards studied", "missing". */
	stateText: string;
	/** A class assignment: its review progress travels by itself (no "Send my progress"). */
	inClass: boolean;
}

type Listed = Pick<AssignmentRow, 'code' | 'title' | 'deckId' | 'deckTitle' | 'mode' | 'dueAt'>;

/** What a row shows of its assignment as it is. */
const listed = (a: Listed): Listed => ({
	code: a.code,
	title: a.title,
	deckId: a.deckId,
	deckTitle: a.deckTitle,
	mode: a.mode,
	dueAt: a.dueAt
});

const itemsFor = (items: readonly OutboxRow[], code: string) =>
	items.filter((i) => i.code === code);

/** A single assignment joined with its code (before classes): its state from the outbox. */
export function singleAssignmentRow(
	row: Extract<DeviceAssignment, { role: 'student' }>,
	items: readonly OutboxRow[],
	now: number
): AssignmentRow {
	const a = row.assignment;
	const mine = itemsFor(items, a.code);
	const late = now > Date.parse(a.dueAt);
	const [state, stateText]: [RowState, string] = mine.some((i) => i.status === 'sent')
		? ['done', 'sent']
		: mine.some((i) => i.status === 'waiting')
			? ['waiting', 'waiting to send']
			: mine.some((i) => i.status === 'rejected')
				? ['refused', 'refused by the server']
				: late
					? ['missing', 'overdue']
					: ['to do', 'to do'];
	return {
		...listed(a),
		extendedFrom: null,
		closed: a.closed ?? false,
		timeLimitMinutes: a.timeLimitMinutes ?? null,
		state,
		stateText,
		inClass: false
	};
}

const percent = (score: number | null) => (score === null ? '' : `, ${Math.round(score)} %`);

/**
 * A class assignment as `/me` last described it, with what this device has sent since: a quiz's
 * counting result (done or late, with its score), a result waiting to send, or none (missing once
 * the student's due date passed); a review's cards studied of the assignment's.
 */
export function classAssignmentRow(
	a: ClassAssignment,
	items: readonly OutboxRow[],
	now: number
): AssignmentRow {
	const mine = itemsFor(items, a.code);
	const overdue = now > Date.parse(a.dueAt);
	let state: RowState;
	let stateText: string;
	if (a.mode === 'quiz') {
		const counted = a.results.find((r) => r.counts) ?? a.results.at(-1);
		const waiting = mine.some((i) => i.status === 'waiting');
		const sentSince = mine.some(
			(i) => i.status === 'sent' && !a.results.some((r) => r.id === i.id)
		);
		if (counted) {
			state = counted.late ? 'late' : 'done';
			stateText = `${counted.late ? 'done late' : 'done'}${percent(counted.score)}`;
			if (counted.overtime) stateText += ', over the time limit';
		} else if (sentSince) {
			[state, stateText] = ['done', 'done, sent'];
		} else if (waiting) {
			[state, stateText] = ['waiting', 'done, waiting to send'];
		} else if (mine.some((i) => i.status === 'rejected')) {
			[state, stateText] = ['refused', 'refused by the server'];
		} else if (overdue || a.closed) {
			[state, stateText] = ['missing', 'missing'];
		} else {
			[state, stateText] = ['to do', 'to do'];
		}
	} else {
		const total = a.questionIds.length;
		const studied = a.cardsStudied ?? 0;
		const waiting = mine.some((i) => i.status === 'waiting');
		// Refused (a 4xx): kept on the device and sent again with the next review.
		const refused = !waiting && mine.some((i) => i.status === 'rejected');
		stateText = `${studied} of ${total} cards studied`;
		if (waiting) stateText += ', progress waiting to send';
		if (refused) stateText += ', progress refused by the server (sent again when you next study)';
		state = refused
			? 'refused'
			: studied >= total && total > 0
				? 'done'
				: studied === 0 && !waiting && (overdue || a.closed)
					? 'missing'
					: studied > 0 || waiting
						? 'studying'
						: 'to do';
		if (state === 'missing') stateText = `missing: ${stateText}`;
	}
	return {
		...listed(a),
		extendedFrom: a.extendedTo ? a.assignmentDueAt : null,
		closed: a.closed,
		timeLimitMinutes: a.effectiveTimeLimitMinutes,
		state,
		stateText,
		inClass: true
	};
}
