import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { freePort } from './server-process';

// A bad DATABASE_PATH or DATABASE_URL stops the BUILT server (`node build`, which Playwright's
// webServer made with `npm run build`) at start with one line naming the setting and its cause,
// exit code 1, no stack trace. No browser needed: one run (desktop) is enough.
test.beforeEach(() => {
	test.skip(test.info().project.name !== 'desktop', 'a server start needs no browser');
});

/** Runs `node <script>` with `env` until it exits (at most 60 s); its exit code and output. */
async function run(script: string, env: Record<string, string>) {
	const port = await freePort();
	const child = spawn(process.execPath, [script], {
		env: { ...process.env, DATABASE_URL: '', DATABASE_PATH: '', ...env, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk) => (stdout += chunk));
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	clearTimeout(timer);
	return { code, stdout, stderr };
}

test('node build with an unusable DATABASE_PATH exits 1 with one line naming it', async () => {
	const { code, stdout, stderr } = await run('build', {
		DATABASE_PATH: '/dev/null/meridian/data.sqlite'
	});
	expect(code).toBe(1);
	expect(stdout).toBe('');
	const lines = stderr.trimEnd().split('\n');
	expect(lines).toHaveLength(1);
	expect(lines[0]).toMatch(
		/^Meridian cannot start: DATABASE_PATH "\/dev\/null\/meridian\/data\.sqlite": \S.*$/
	);
	expect(stderr).not.toMatch(/\n\s+at /);
});

test('node build with a DATABASE_URL that is not postgres:// exits 1 with one line naming it', async () => {
	const { code, stderr } = await run('build', { DATABASE_URL: 'mysql://db.example/meridian' });
	expect(code).toBe(1);
	expect(stderr.trimEnd().split('\n')).toEqual([
		'Meridian cannot start: DATABASE_URL: expected postgres://user@host:port/database, got "mysql://db.example/meridian"'
	]);
});
