import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type DB = Database.Database;

/**
 * The schema, one migration per version. Append only: a shipped migration is never edited or
 * reordered, because databases in the field have already applied it (version = index + 1).
 */
export const MIGRATIONS: readonly string[] = [
	`CREATE TABLE assignments (
		code TEXT PRIMARY KEY,
		title TEXT NOT NULL,
		deck_id TEXT NOT NULL,
		mode TEXT NOT NULL CHECK (mode IN ('quiz', 'review')),
		question_ids TEXT NOT NULL, -- JSON array of card ids
		seed INTEGER, -- the quiz selection seed; NULL for review
		pass_mark REAL NOT NULL,
		due_at TEXT NOT NULL, -- ISO 8601
		instructions TEXT NOT NULL,
		key_hash TEXT NOT NULL, -- sha256 hex of the instructor key; the key itself is never stored
		created_at TEXT NOT NULL
	) STRICT;
	CREATE TABLE submissions (
		assignment_code TEXT NOT NULL REFERENCES assignments (code),
		id TEXT NOT NULL, -- made by the client, so a retry is recognised
		student_id TEXT NOT NULL,
		name TEXT NOT NULL,
		student_number TEXT,
		answers TEXT NOT NULL, -- JSON: [{ cardId, response, correct, score, given }]
		reviewed TEXT NOT NULL, -- JSON array of card ids
		score REAL,
		passed INTEGER,
		late INTEGER NOT NULL,
		correct INTEGER NOT NULL,
		total INTEGER NOT NULL,
		started_at INTEGER NOT NULL, -- epoch ms
		finished_at INTEGER NOT NULL,
		received_at INTEGER NOT NULL,
		attempt INTEGER NOT NULL,
		PRIMARY KEY (assignment_code, id)
	) STRICT;
	CREATE INDEX submissions_by_student ON submissions (assignment_code, student_id);`,
	// 2: the instructor's attempts policy, responses accepted for everyone with a log of the
	// changes, and lateness judged by when the student finished (bounded by when it arrived).
	`ALTER TABLE assignments ADD COLUMN max_attempts INTEGER CHECK (max_attempts IS NULL OR max_attempts = 1); -- NULL: unlimited
	ALTER TABLE assignments ADD COLUMN counts TEXT NOT NULL DEFAULT 'best' CHECK (counts IN ('first', 'best', 'latest'));
	CREATE TABLE acceptances (
		assignment_code TEXT NOT NULL REFERENCES assignments (code),
		card_id TEXT NOT NULL,
		response_key TEXT NOT NULL, -- responseKey() of the response, src/lib/quiz/overrides.ts
		response TEXT NOT NULL, -- JSON QuizResponse, as one student gave it
		given TEXT NOT NULL, -- the response as display text
		accepted_at INTEGER NOT NULL, -- epoch ms
		PRIMARY KEY (assignment_code, card_id, response_key)
	) STRICT;
	CREATE TABLE grading_changes (
		assignment_code TEXT NOT NULL REFERENCES assignments (code),
		at INTEGER NOT NULL, -- epoch ms
		action TEXT NOT NULL CHECK (action IN ('accept', 'undo')),
		card_id TEXT NOT NULL,
		given TEXT NOT NULL,
		changed INTEGER NOT NULL -- submissions whose score changed
	) STRICT;
	CREATE INDEX grading_changes_by_assignment ON grading_changes (assignment_code, at);
	UPDATE submissions SET late = (
		MIN(finished_at, received_at) > (
			SELECT CAST(ROUND((julianday(a.due_at) - 2440587.5) * 86400000) AS INTEGER)
			FROM assignments a WHERE a.code = submissions.assignment_code
		)
	);`,
	// 3: device transfers (src/lib/server/transfers): ciphertext only, deleted once fetched; the
	// row stays without it until it expires, so a second fetch is told it was already used.
	`CREATE TABLE transfers (
		id TEXT PRIMARY KEY, -- 16 random bytes, base64url
		token_hash TEXT NOT NULL, -- sha256 hex of the fetch token (derived from the key; never the key)
		ciphertext BLOB, -- the encrypted backup; NULL once fetched
		size INTEGER NOT NULL, -- bytes of ciphertext still stored (0 once fetched)
		created_at INTEGER NOT NULL, -- epoch ms
		expires_at INTEGER NOT NULL,
		fetched_at INTEGER
	) STRICT;
	CREATE INDEX transfers_by_expiry ON transfers (expires_at);`
];

/** Opens (creating when missing) the database at `path` and brings its schema up to date. */
export function openDatabase(path: string): DB {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const db = new Database(path);
	db.pragma('journal_mode = WAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	migrate(db);
	return db;
}

function migrate(db: DB): void {
	db.exec(
		'CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT'
	);
	const row = db.prepare('SELECT MAX(version) AS version FROM migrations').get() as {
		version: number | null;
	};
	const current = row.version ?? 0;
	MIGRATIONS.forEach((sql, index) => {
		const version = index + 1;
		if (version <= current) return;
		db.transaction(() => {
			db.exec(sql);
			db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(
				version,
				new Date().toISOString()
			);
		})();
	});
}

/** The schema version a fresh database ends at. */
export const SCHEMA_VERSION = MIGRATIONS.length;

const statements = new WeakMap<DB, Map<string, Database.Statement>>();

/**
 * The prepared statement for `sql` on `db`, prepared once and reused: preparing on every request
 * was the largest single cost of a submission.
 */
export function statement(db: DB, sql: string): Database.Statement {
	let cache = statements.get(db);
	if (!cache) statements.set(db, (cache = new Map()));
	let prepared = cache.get(sql);
	if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
	return prepared;
}

let shared: DB | undefined;

/** The server's database: `DATABASE_PATH`, default ./data/meridian.sqlite, opened on first use. */
export function getDatabase(): DB {
	shared ??= openDatabase(process.env.DATABASE_PATH || './data/meridian.sqlite');
	return shared;
}
