import { sql, type Kysely } from 'kysely';
import { isBlank, responseKey } from '../../quiz/overrides';
import type { QuizResponse } from '../../quiz/types';
import type { Engine, Migration } from './index';

// Per-question counts kept by the database itself, so the results dashboard reads a few dozen
// rows instead of every submission's answers (issue 15, "results that scale"). One row per
// assignment, question and bucket:
//   bucket 'verdict', value 'right' | 'wrong' | 'blank' (a blank typed response; unanswered
//     questions are not in a submission's answers);
//   bucket 'option', value the option chosen ('choice') or 'true' | 'false' ('truefalse');
//   bucket 'wrong', value the response key (src/lib/quiz/overrides.ts) of a wrong, non-blank
//     response, with the first such response and its display text.
// Triggers on `submissions` add a row's answers when it is stored and take the old ones away when
// its answers are rewritten (a regrade) or it is deleted, inside the same write transaction, so the
// counts can never drift from the rows. A count may reach 0; readers skip those rows.

/** Where the answers come from: one row's (a trigger's NEW or OLD) or every stored row's. */
interface Source {
	/** The assignment's code, as an SQL expression. */
	code: string;
	/** The FROM clause giving one row `j` per answer. */
	from: string;
}

/** The answers' facts as rows (code, card_id, bucket, value, response, given), SQLite. */
const sqliteFacts = ({ code, from }: Source) => `
	SELECT ${code} AS code, json_extract(j.value, '$.cardId') AS card_id, 'verdict' AS bucket,
		CASE WHEN json_extract(j.value, '$.correct') THEN 'right'
			WHEN json_extract(j.value, '$.blank') THEN 'blank' ELSE 'wrong' END AS value,
		NULL AS response, NULL AS given
	FROM ${from}
	UNION ALL
	SELECT ${code}, json_extract(j.value, '$.cardId'), 'option',
		CASE json_extract(j.value, '$.response.kind')
			WHEN 'choice' THEN json_extract(j.value, '$.response.option')
			ELSE CASE WHEN json_extract(j.value, '$.response.value') THEN 'true' ELSE 'false' END END,
		NULL, NULL
	FROM ${from}
	WHERE json_extract(j.value, '$.response.kind') IN ('choice', 'truefalse')
	UNION ALL
	SELECT ${code}, json_extract(j.value, '$.cardId'), 'wrong',
		COALESCE(json_extract(j.value, '$.key'), json_extract(j.value, '$.given'), ''),
		json_extract(j.value, '$.response'), json_extract(j.value, '$.given')
	FROM ${from}
	WHERE NOT json_extract(j.value, '$.correct') AND json_extract(j.value, '$.blank') IS NULL`;

/** The same facts on PostgreSQL (`j` a jsonb element of the TEXT column's array). */
const postgresFacts = ({ code, from }: Source) => `
	SELECT ${code} AS code, j->>'cardId' AS card_id, 'verdict' AS bucket,
		CASE WHEN (j->>'correct')::boolean THEN 'right'
			WHEN COALESCE((j->>'blank')::boolean, false) THEN 'blank' ELSE 'wrong' END AS value,
		NULL::text AS response, NULL::text AS given
	FROM ${from}
	UNION ALL
	SELECT ${code}, j->>'cardId', 'option',
		CASE j->'response'->>'kind' WHEN 'choice' THEN j->'response'->>'option'
			ELSE j->'response'->>'value' END,
		NULL, NULL
	FROM ${from}
	WHERE j->'response'->>'kind' IN ('choice', 'truefalse')
	UNION ALL
	SELECT ${code}, j->>'cardId', 'wrong', COALESCE(j->>'key', j->>'given', ''),
		(j->'response')::text, j->>'given'
	FROM ${from}
	WHERE NOT (j->>'correct')::boolean AND NOT COALESCE((j->>'blank')::boolean, false)`;

const oneRow = (engine: Engine, code: string, answers: string): Source => ({
	code,
	from:
		engine === 'sqlite' ? `json_each(${answers}) j` : `jsonb_array_elements(${answers}::jsonb) j`
});

/** Adds `sign` (an SQL expression, 1 or -1) times the facts of `source` to the counts. */
function upsert(engine: Engine, source: Source, sign: string) {
	const facts = engine === 'sqlite' ? sqliteFacts(source) : postgresFacts(source);
	return `INSERT INTO answer_stats (assignment_code, card_id, bucket, value, n, response, given)
		SELECT f.code, f.card_id, f.bucket, f.value, ${sign} * COUNT(*), MIN(f.response), MIN(f.given)
		FROM (${facts}) f WHERE f.card_id IS NOT NULL AND f.value IS NOT NULL
		GROUP BY f.code, f.card_id, f.bucket, f.value
		ON CONFLICT (assignment_code, card_id, bucket, value) DO UPDATE SET n = answer_stats.n + excluded.n`;
}

interface StoredAnswerFields {
	response: QuizResponse;
	key?: string;
	blank?: true;
}

/** Stored answers from before this version lack `key` and `blank`: add them, page by page. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its own time
async function addKeys(db: Kysely<any>) {
	let after = { code: '', id: '' };
	for (;;) {
		const rows: { assignment_code: string; id: string; answers: string }[] = await db
			.selectFrom('submissions')
			.select(['assignment_code', 'id', 'answers'])
			.where((eb) =>
				eb.or([
					eb('assignment_code', '>', after.code),
					eb.and([eb('assignment_code', '=', after.code), eb('id', '>', after.id)])
				])
			)
			.orderBy('assignment_code')
			.orderBy('id')
			.limit(500)
			.execute();
		if (rows.length === 0) return;
		for (const row of rows) {
			const answers = JSON.parse(row.answers) as StoredAnswerFields[];
			if (answers.every((a) => a.key !== undefined)) continue;
			const keyed = answers.map((a) => {
				const rest = { ...a };
				delete rest.blank;
				return {
					...rest,
					key: responseKey(a.response),
					...(isBlank(a.response) ? { blank: true } : {})
				};
			});
			await db
				.updateTable('submissions')
				.set({ answers: JSON.stringify(keyed) })
				.where('assignment_code', '=', row.assignment_code)
				.where('id', '=', row.id)
				.execute();
		}
		const last = rows[rows.length - 1]!;
		after = { code: last.assignment_code, id: last.id };
	}
}

export const answerStats: Migration = {
	name: 'per-question answer counts and submissions by sequence',
	async up(db, engine) {
		await addKeys(db);
		await db.schema
			.createTable('answer_stats')
			.addColumn('assignment_code', 'text', (c) => c.notNull().references('assignments.code'))
			.addColumn('card_id', 'text', (c) => c.notNull())
			.addColumn('bucket', 'text', (c) =>
				c.notNull().check(sql`bucket IN ('verdict', 'option', 'wrong')`)
			)
			.addColumn('value', 'text', (c) => c.notNull())
			.addColumn('n', 'bigint', (c) => c.notNull())
			.addColumn('response', 'text')
			.addColumn('given', 'text')
			.addPrimaryKeyConstraint('answer_stats_pk', ['assignment_code', 'card_id', 'bucket', 'value'])
			.execute();
		// The CSV pages through an assignment's submissions in the order received.
		await db.schema
			.createIndex('submissions_by_seq')
			.on('submissions')
			.columns(['assignment_code', 'seq'])
			.execute();
		if (engine === 'sqlite') {
			await sql
				.raw(
					`CREATE TRIGGER answer_stats_insert AFTER INSERT ON submissions BEGIN
						${upsert(engine, oneRow(engine, 'NEW.assignment_code', 'NEW.answers'), '1')};
					END`
				)
				.execute(db);
			await sql
				.raw(
					`CREATE TRIGGER answer_stats_update AFTER UPDATE OF answers ON submissions BEGIN
						${upsert(engine, oneRow(engine, 'OLD.assignment_code', 'OLD.answers'), '-1')};
						${upsert(engine, oneRow(engine, 'NEW.assignment_code', 'NEW.answers'), '1')};
					END`
				)
				.execute(db);
			await sql
				.raw(
					`CREATE TRIGGER answer_stats_delete AFTER DELETE ON submissions BEGIN
						${upsert(engine, oneRow(engine, 'OLD.assignment_code', 'OLD.answers'), '-1')};
					END`
				)
				.execute(db);
		} else {
			await sql
				.raw(
					`CREATE FUNCTION answer_stats_add(code TEXT, answers TEXT, sign INTEGER) RETURNS void
					LANGUAGE sql AS $$ ${upsert(engine, oneRow(engine, '$1', '$2'), '$3')} $$`
				)
				.execute(db);
			await sql
				.raw(
					`CREATE FUNCTION answer_stats_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN
						IF TG_OP IN ('UPDATE', 'DELETE') THEN
							PERFORM answer_stats_add(OLD.assignment_code, OLD.answers, -1);
						END IF;
						IF TG_OP IN ('INSERT', 'UPDATE') THEN
							PERFORM answer_stats_add(NEW.assignment_code, NEW.answers, 1);
						END IF;
						RETURN NULL;
					END $$`
				)
				.execute(db);
			await sql
				.raw(
					`CREATE TRIGGER answer_stats_changes AFTER INSERT OR DELETE OR UPDATE OF answers
					ON submissions FOR EACH ROW EXECUTE FUNCTION answer_stats_trigger()`
				)
				.execute(db);
		}
		// The rows stored so far (none yet on a fresh database).
		const every: Source = {
			code: 's.assignment_code',
			from:
				engine === 'sqlite'
					? 'submissions s, json_each(s.answers) j'
					: 'submissions s, jsonb_array_elements(s.answers::jsonb) j'
		};
		await sql.raw(upsert(engine, every, '1')).execute(db);
	}
};
