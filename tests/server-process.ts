import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A production server (`node scripts/start.js` on the build) that a test starts and kills. */
export interface ServerProcess {
	readonly url: string;
	readonly output: () => string;
	/** Sends `signal` to the server's whole process group (primary and workers). */
	signal(signal: NodeJS.Signals): void;
	/** Resolves with the exit code (or signal) once the primary has exited. */
	exited(): Promise<number | NodeJS.Signals>;
}

/** A TCP port nobody listens on now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/**
 * Starts the built server with `env` on `port` in a process group of its own and waits until it
 * answers. The test's own server (Playwright's webServer) built it before any test runs.
 */
export async function startServer(
	port: number,
	env: Record<string, string>
): Promise<ServerProcess> {
	const child: ChildProcess = spawn(process.execPath, ['scripts/start.js'], {
		env: { ...process.env, ...env, PORT: String(port), ORIGIN: `http://localhost:${port}` },
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	const exit = new Promise<number | NodeJS.Signals>((resolve) =>
		child.once('exit', (code, signal) => resolve(code ?? signal ?? 0))
	);
	const server: ServerProcess = {
		url: `http://localhost:${port}`,
		output: () => output,
		signal(signal) {
			try {
				process.kill(-(child.pid ?? 0), signal);
			} catch {
				// The group is gone already.
			}
		},
		exited: () => exit
	};
	const deadline = Date.now() + 60_000;
	let gone = false;
	void exit.then(() => (gone = true));
	while (Date.now() < deadline && !gone) {
		try {
			const response = await fetch(`${server.url}/api/assignments/NOSUCH1`);
			if (response.status === 404) return server;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	server.signal('SIGKILL');
	throw new Error(`the server on port ${port} did not start:\n${output}`);
}
