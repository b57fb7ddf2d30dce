import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './db';
import { ENGINES, openAt, testPlace, type TestPlace } from './testing/engines';

const run = promisify(execFile);

// `npm run migrate` (scripts/migrate.ts) as separate processes: the script WORKERS=N's primary
// runs before forking, and what several hosts starting at once would run.
const migrateProcess = (env: TestPlace['env']) =>
	run(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
		env: { ...process.env, DATABASE_PATH: '', DATABASE_URL: '', ...env },
		timeout: 60_000
	});

describe.each(ENGINES)('npm run migrate on %s', (engine) => {
	let place: TestPlace | undefined;
	afterEach(async () => {
		await place?.drop();
		place = undefined;
	});

	it(
		'applies every migration exactly once when 4 processes start at once on a fresh database',
		{ timeout: 180_000 },
		async () => {
			place = await testPlace(engine);
			const outputs = await Promise.all([1, 2, 3, 4].map(() => migrateProcess(place!.env)));
			const lines = outputs.map(({ stdout }) => stdout.trim());
			for (const line of lines) expect(line).toMatch(/^Meridian: (applied migrations?|database)/);
			// One process applied them all; the other three found nothing to do.
			const applying = lines.filter((line) => line.includes('applied'));
			expect(applying).toEqual([
				`Meridian: applied migrations ${Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1).join(', ')} (schema version ${SCHEMA_VERSION})`
			]);
			const db = await openAt(place);
			try {
				const rows = await db
					.selectFrom('migrations')
					.select('version')
					.orderBy('version')
					.execute();
				expect(rows.map((row) => Number(row.version))).toEqual(
					Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1)
				);
				// The tables exist once, usable: the last migration's table answers.
				expect(await db.selectFrom('transfers').select('id').execute()).toEqual([]);
			} finally {
				await db.destroy();
			}
		}
	);
});

describe('npm run migrate with a database it cannot open', () => {
	it('prints one line naming DATABASE_PATH and exits 1', { timeout: 120_000 }, async () => {
		const failure = await migrateProcess({ DATABASE_PATH: '/dev/null/meridian/db.sqlite' }).then(
			() => undefined,
			(e: { code: number; stdout: string; stderr: string }) => e
		);
		expect(failure?.code).toBe(1);
		expect(failure?.stdout).toBe('');
		expect(failure?.stderr.trim().split('\n')).toHaveLength(1);
		expect(failure?.stderr).toMatch(
			/^Meridian cannot migrate: DATABASE_PATH "\/dev\/null\/meridian\/db.sqlite": /
		);
	});

	it(
		'prints one line naming DATABASE_URL (without its password) and exits 1',
		{ timeout: 120_000 },
		async () => {
			const failure = await migrateProcess({
				DATABASE_URL: 'postgres://meridian:secret@127.0.0.1:1/meridian'
			}).then(
				() => undefined,
				(e: { code: number; stdout: string; stderr: string }) => e
			);
			expect(failure?.code).toBe(1);
			expect(failure?.stderr.trim().split('\n')).toHaveLength(1);
			expect(failure?.stderr).toMatch(
				/^Meridian cannot migrate: DATABASE_URL "postgres:\/\/\*\*\*@127.0.0.1:1\/meridian": /
			);
			expect(failure?.stderr).not.toContain('secret');
		}
	);
});
