// Builders of the class dashboard's shapes for the specs: each with what an untouched one holds,
// a spec passing only what its case is about.
import type { DashboardAssignment, DashboardCell } from './classes';

/** A student's cell of an assignment not yet due: no attempt, no score. */
export const dashboardCell = (over: Partial<DashboardCell> = {}): DashboardCell => ({
	status: 'open',
	score: null,
	passed: null,
	attempts: 0,
	extendedTo: null,
	overtime: false,
	cardsStudied: null,
	recall: null,
	...over
});

/** An open quiz column of the dashboard, of ten questions, untimed and unshuffled. */
export const dashboardAssignment = (
	over: Partial<DashboardAssignment> = {}
): DashboardAssignment => ({
	code: 'A0',
	title: 'Quiz 0',
	mode: 'quiz',
	deckId: 'all',
	dueAt: '2026-10-01T00:00:00.000Z',
	createdAt: '2026-09-01T00:00:00.000Z',
	closed: false,
	timeLimitMinutes: null,
	shuffle: false,
	itemCount: 10,
	...over
});
