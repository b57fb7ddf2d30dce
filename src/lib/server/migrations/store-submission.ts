import { sql } from 'kysely';
import type { Migration } from './index';

// Version 10 (issue 15, submissions at 20 in flight): on PostgreSQL a submission is stored by one
// statement, `SELECT * FROM store_submission(...)`, a function doing what the SQLite write
// transaction does (`storeSubmission` in src/lib/server/assignments/submissions.ts, the same
// checks in the same order). Every writer to one assignment takes that assignment's row lock
// first, so its change numbers are handed out in commit order (see `nextSeq`). Before, the lock
// was held across five round trips between the server and the database and a commit, and a class
// queued behind it; now it is held for the function's own few index lookups and the commit,
// with no round trip inside. Each statement in the function sees what was committed before it
// ran (READ COMMITTED, a fresh snapshot per statement), so everything after the lock sees every
// submission stored before: the student's attempt count and the caps are exact. A refusal
// writes nothing. Nothing on SQLite, whose write transactions run in the server's process.

/** What `store_submission` answers: a row stored, or why not. */
export type StoreOutcome = 'created' | 'stored' | 'closed' | 'student' | 'assignment' | 'missing';

export const storeSubmissionFunction: Migration = {
	name: 'submissions stored by one statement on PostgreSQL',
	async up(db, engine) {
		if (engine !== 'postgres') return;
		await sql`CREATE FUNCTION store_submission(
			p_code TEXT, p_id TEXT, p_student_id TEXT, p_name TEXT, p_student_number TEXT,
			p_answers TEXT, p_marks TEXT, p_reviewed TEXT, p_score DOUBLE PRECISION,
			p_passed INTEGER, p_late INTEGER, p_correct INTEGER, p_total INTEGER,
			p_started_at BIGINT, p_finished_at BIGINT, p_received_at BIGINT, p_overtime INTEGER,
			p_attempt_cap INTEGER, p_assignment_cap BIGINT)
		RETURNS TABLE (outcome TEXT, stored_attempt INTEGER)
		LANGUAGE plpgsql VOLATILE AS $$
		DECLARE
			a RECORD;
			n INTEGER;
			next_seq BIGINT;
		BEGIN
			-- The assignment's row lock first: the writers to one assignment go one at a time.
			SELECT closed_at, submission_count INTO a FROM assignments
				WHERE code = p_code FOR UPDATE;
			IF NOT FOUND THEN
				RETURN QUERY SELECT 'missing'::TEXT, NULL::INTEGER;
				RETURN;
			END IF;
			-- A retry stored meanwhile gets its result back, whatever the limits say now.
			IF EXISTS (SELECT 1 FROM submissions s WHERE s.assignment_code = p_code AND s.id = p_id) THEN
				RETURN QUERY SELECT 'stored'::TEXT, NULL::INTEGER;
				RETURN;
			END IF;
			IF a.closed_at IS NOT NULL THEN
				RETURN QUERY SELECT 'closed'::TEXT, NULL::INTEGER;
				RETURN;
			END IF;
			SELECT COUNT(*) INTO n FROM submissions s
				WHERE s.assignment_code = p_code AND s.student_id = p_student_id;
			IF n >= p_attempt_cap THEN
				RETURN QUERY SELECT 'student'::TEXT, NULL::INTEGER;
				RETURN;
			END IF;
			IF a.submission_count >= p_assignment_cap THEN
				RETURN QUERY SELECT 'assignment'::TEXT, NULL::INTEGER;
				RETURN;
			END IF;
			UPDATE assignments SET last_seq = last_seq + 1 WHERE code = p_code
				RETURNING last_seq INTO next_seq;
			INSERT INTO submissions (assignment_code, id, student_id, name, student_number, answers,
				marks, reviewed, score, passed, late, correct, total, started_at, finished_at,
				received_at, attempt, seq, change_seq, overtime)
			VALUES (p_code, p_id, p_student_id, p_name, p_student_number, p_answers, p_marks,
				p_reviewed, p_score, p_passed, p_late, p_correct, p_total, p_started_at,
				p_finished_at, p_received_at, n + 1, next_seq, next_seq, p_overtime);
			RETURN QUERY SELECT 'created'::TEXT, n + 1;
		END $$`.execute(db);
	}
};
