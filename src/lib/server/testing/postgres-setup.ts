// vitest globalSetup: a throw-away PostgreSQL 15 cluster for the server specs, in a temporary
// folder on a free port, stopped and removed afterwards. Installs Debian's `postgresql` package
// when it is missing and we are root. Where PostgreSQL cannot be had, the specs' PostgreSQL half
// fails with the reason (see engines.ts): never skipped, so CI fails.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const BIN = '/usr/lib/postgresql/15/bin';

declare module 'vitest' {
	export interface ProvidedContext {
		/** `postgres://` URL of the test cluster's `postgres` database, or '' when there is none. */
		postgresUrl: string;
		/** Why there is no test cluster, or ''. */
		postgresProblem: string;
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

const run = (command: string, args: string[]) =>
	execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

function ensureInstalled(): void {
	if (existsSync(`${BIN}/initdb`)) return;
	if (process.getuid?.() !== 0)
		throw new Error(`${BIN}/initdb is missing and we are not root to install postgresql`);
	console.log('PostgreSQL is missing: apt-get install -y postgresql (about 30 s)');
	run('apt-get', ['update']);
	run('apt-get', ['install', '-y', 'postgresql']);
}

export default async function setup(project: TestProject) {
	let dir = '';
	const pgAsPostgres = (args: string[]) =>
		process.getuid?.() === 0
			? run('runuser', ['-u', 'postgres', '--', `${BIN}/pg_ctl`, ...args])
			: run(`${BIN}/pg_ctl`, args);
	try {
		ensureInstalled();
		dir = mkdtempSync(join(tmpdir(), 'meridian-pg-'));
		const data = join(dir, 'data');
		const port = await freePort();
		const asRoot = process.getuid?.() === 0;
		if (asRoot) {
			const uid = Number(run('id', ['-u', 'postgres']).trim());
			const gid = Number(run('id', ['-g', 'postgres']).trim());
			chownSync(dir, uid, gid);
		}
		const initdb = ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'];
		if (asRoot) run('runuser', ['-u', 'postgres', '--', `${BIN}/initdb`, ...initdb]);
		else run(`${BIN}/initdb`, initdb);
		// Durability off: a test cluster only has to be fast.
		const options = `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
		pgAsPostgres(['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
		project.provide('postgresUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);
		project.provide('postgresProblem', '');
		return () => {
			try {
				pgAsPostgres(['-D', data, '-m', 'fast', '-w', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		};
	} catch (e) {
		const err = e as Error & { stderr?: string };
		const problem = `no PostgreSQL for the tests: ${(err.stderr || err.message).trim()}`;
		console.error(problem);
		if (dir) rmSync(dir, { recursive: true, force: true });
		project.provide('postgresUrl', '');
		project.provide('postgresProblem', problem);
	}
}
