// What every benchmark script shares: the production build served on its own port, and
// percentiles. Benchmarks are scripts run with `npx tsx`, not tests.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface BenchServer {
	/** Resolves once the server answers `readyPath`. */
	ready: Promise<void>;
	stop(): void;
}

/**
 * Serves `build` (building it first when there is none) with `node build` on `port`.
 * `SERVER_NODE_ARGS` (say `--cpu-prof`) is passed to that Node process.
 */
export function serveBuild(
	origin: string,
	port: number,
	options: { env?: Record<string, string>; readyPath?: string } = {}
): BenchServer {
	if (!existsSync('build/index.js')) spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const server = spawn('node', [...nodeArgs, 'build'], {
		env: { ...process.env, PORT: String(port), ...options.env },
		stdio: 'ignore'
	});
	const ready = (async () => {
		for (let i = 0; i < 100; i++) {
			try {
				if ((await fetch(`${origin}${options.readyPath ?? '/'}`)).ok) return;
			} catch {
				// not up yet
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error(`the build did not start on ${origin}`);
	})();
	return { ready, stop: () => server.kill() };
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
