// Runs a command against a throw-away PostgreSQL: the cluster the server specs use
// (src/lib/server/testing/postgres-setup.ts, in a temporary folder on a free port), a fresh
// database in it, DATABASE_URL set for the command; the cluster is stopped and removed after.
//   npx tsx tests/benchmarks/with-postgres.ts npx tsx tests/benchmarks/submissions.bench.ts
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import setup from '../../src/lib/server/testing/postgres-setup';

const [command, ...args] = process.argv.slice(2);
if (!command) {
	console.error('usage: npx tsx tests/benchmarks/with-postgres.ts <command> [args...]');
	process.exit(2);
}

const provided: Record<string, string> = {};
const teardown = await setup({
	provide: (key: string, value: string) => (provided[key] = value)
} as never);
let status: number;
try {
	if (!provided.postgresUrl) throw new Error(provided.postgresProblem || 'no PostgreSQL');
	const admin = new pg.Client({ connectionString: provided.postgresUrl });
	await admin.connect();
	await admin.query('CREATE DATABASE bench');
	await admin.end();
	const url = provided.postgresUrl.replace(/\/postgres$/, '/bench');
	console.log(`PostgreSQL for the run: ${url}`);
	status =
		spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } })
			.status ?? 1;
} finally {
	if (typeof teardown === 'function') await teardown();
}
process.exit(status);
