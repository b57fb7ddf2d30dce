import type { Migration } from './index';

// Version 9 (issue 16, the class dashboard's data request): a covering index for the dashboard's
// review-progress read (`progressSummary` in src/lib/server/classes/dashboard.ts), which filters
// by assignment, groups by assignment and student, and reads only `state`, `stability` and
// `last_review` of each row (whether it is studied, and its recall now). With every column it
// needs in the index, in group order, both engines answer it from the index alone (SQLite "USING
// COVERING INDEX", PostgreSQL an Index Only Scan once the table is vacuumed) instead of looking up
// each of a term's tens of thousands of rows in the table. Plain columns, not PostgreSQL's
// INCLUDE, so one definition holds on both engines.
export const progressIndex: Migration = {
	name: 'review progress read from one covering index',
	async up(db) {
		await db.schema
			.createIndex('review_progress_summary')
			.on('review_progress')
			.columns(['assignment_code', 'student_id', 'state', 'stability', 'last_review'])
			.execute();
	}
};
