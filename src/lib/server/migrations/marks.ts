import { sql, type Kysely } from 'kysely';
import type { Engine, Migration } from './index';

// Version 8 (issue 15, results that scale), two stored facts instead of work per read:
// - `submissions.marks`, each submission's mark per question beside its answers, so the
//   instructor's full results and the CSV read a short text per row instead of parsing every
//   row's answers. One letter per question of the assignment, in its `question_ids` order: `r`
//   right, `w` wrong (or partly right), `b` blank or unanswered; '' for a review assignment. The
//   service writes it with the row and rewrites it whenever a regrade rewrites the answers; rows
//   stored before this version are filled in here.
// - `assignments.submission_count`, kept by triggers on `submissions` (insert and delete, in the
//   same transaction), so a results poll and the per-assignment cap read one number instead of
//   counting every row (on PostgreSQL a sequential scan of the whole table: 27 ms at 20,000).

/** The letter of each mark, as the column stores it. */
export const MARK_LETTER = { right: 'r', wrong: 'w', blank: 'b' } as const;

/** What this migration needs of a stored answer (the fields every version has stored). */
interface AnswerFields {
	cardId: string;
	correct: boolean;
	blank?: true;
}

/** The marks text of stored `answers` over `questionIds` (the rule `marksOf` has always used). */
export function marksText(questionIds: readonly string[], answers: readonly AnswerFields[]) {
	const byCard = new Map(answers.map((a) => [a.cardId, a] as const));
	return questionIds
		.map((id) => {
			const a = byCard.get(id);
			return MARK_LETTER[!a || a.blank ? 'blank' : a.correct ? 'right' : 'wrong'];
		})
		.join('');
}

/** Rows are filled in this many at a time: one UPDATE ... FROM (VALUES ...) each. */
const PAGE = 500;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its own time
async function backfill(db: Kysely<any>, code: string, questionIds: readonly string[]) {
	let after = '';
	for (;;) {
		const rows: { id: string; answers: string }[] = await db
			.selectFrom('submissions')
			.select(['id', 'answers'])
			.where('assignment_code', '=', code)
			.where('id', '>', after)
			.orderBy('id')
			.limit(PAGE)
			.execute();
		if (rows.length === 0) return;
		const values = rows.map(
			(r) => sql`(${r.id}, ${marksText(questionIds, JSON.parse(r.answers) as AnswerFields[])})`
		);
		// VALUES names its columns column1, column2 on both engines.
		await sql`UPDATE submissions SET marks = v.column2
			FROM (VALUES ${sql.join(values)}) AS v
			WHERE submissions.assignment_code = ${code} AND submissions.id = v.column1`.execute(db);
		after = rows[rows.length - 1]!.id;
		if (rows.length < PAGE) return;
	}
}

/** The triggers that keep `assignments.submission_count` equal to the rows' count. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its own time
async function countTriggers(db: Kysely<any>, engine: Engine) {
	const bump = (sign: string, code: string) =>
		`UPDATE assignments SET submission_count = submission_count ${sign} 1 WHERE code = ${code}`;
	if (engine === 'sqlite') {
		for (const [event, sign, row] of [
			['insert', '+', 'NEW'],
			['delete', '-', 'OLD']
		] as const) {
			await sql
				.raw(
					`CREATE TRIGGER submission_count_${event} AFTER ${event.toUpperCase()} ON submissions BEGIN
						${bump(sign, `${row}.assignment_code`)};
					END`
				)
				.execute(db);
		}
		return;
	}
	await sql
		.raw(
			`CREATE FUNCTION submission_count_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				IF TG_OP = 'INSERT' THEN ${bump('+', 'NEW.assignment_code')};
				ELSE ${bump('-', 'OLD.assignment_code')};
				END IF;
				RETURN NULL;
			END $$`
		)
		.execute(db);
	await sql
		.raw(
			`CREATE TRIGGER submission_count_changes AFTER INSERT OR DELETE ON submissions
			FOR EACH ROW EXECUTE FUNCTION submission_count_trigger()`
		)
		.execute(db);
}

export const storedMarks: Migration = {
	name: 'marks and submission counts stored',
	async up(db, engine) {
		// Nullable: NULL is "not known", which readers answer by parsing the answers as before.
		await db.schema.alterTable('submissions').addColumn('marks', 'text').execute();
		// The pre-Kysely assignments table is STRICT on SQLite: INTEGER (64-bit) there.
		await db.schema
			.alterTable('assignments')
			.addColumn('submission_count', engine === 'sqlite' ? 'integer' : 'bigint', (c) =>
				c.notNull().defaultTo(0)
			)
			.execute();
		await sql`UPDATE assignments SET submission_count = (
			SELECT COUNT(*) FROM submissions s WHERE s.assignment_code = assignments.code
		)`.execute(db);
		await countTriggers(db, engine);
		const assignments: { code: string; mode: string; question_ids: string }[] = await db
			.selectFrom('assignments')
			.select(['code', 'mode', 'question_ids'])
			.execute();
		for (const a of assignments) {
			if (a.mode === 'quiz') await backfill(db, a.code, JSON.parse(a.question_ids) as string[]);
			else
				await db
					.updateTable('submissions')
					.set({ marks: '' })
					.where('assignment_code', '=', a.code)
					.execute();
		}
	}
};
