// `npm start`: serves the production build on PORT (default 3000), building it first when missing.
// WORKERS=N serves it from N processes on the one port (node:cluster): the primary brings the
// database's schema up to date once, then forks the workers, restarts one that dies, and on
// SIGTERM or SIGINT lets each finish its requests (adapter-node's graceful shutdown) before exiting.
import { spawnSync } from 'node:child_process';
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { parseWorkers, restartDelay } from './workers.js';

const workers = parseWorkers(process.env.WORKERS);
if (workers instanceof Error) {
	console.error(`Meridian: ${workers.message}`);
	process.exit(1);
}

if (cluster.isPrimary) {
	if (!existsSync('build/index.js')) {
		console.log('No production build yet: running `npm run build` first.');
		const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
		if (built.status !== 0) process.exit(built.status ?? 1);
	}
	process.env.PORT ??= '3000';
	// The join and dashboard links the server hands out are built from the origin: without a proxy
	// in front, that is this machine's address on PORT (set ORIGIN when serving from a public host).
	process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
	// Device transfers upload up to 10 MB of ciphertext (docs/api.md, Transfers); adapter-node's
	// default refuses bodies over 512 KB. Every other endpoint keeps its own smaller limit. The
	// workers inherit the primary's environment.
	process.env.BODY_SIZE_LIMIT ??= '11M';
}

if (workers === 1) {
	// One process migrates the database itself when it opens it (src/hooks.server.ts).
	console.log(`Meridian at http://localhost:${process.env.PORT}`);
	await import(new URL('../build/index.js', import.meta.url).href);
} else if (cluster.isPrimary) {
	// Migrate once, before any worker opens the database: a failure stops the start here.
	const migrated = spawnSync('npm', ['run', '--silent', 'migrate'], { stdio: 'inherit' });
	if (migrated.status !== 0) process.exit(migrated.status ?? 1);
	runPrimary(workers);
} else {
	// A worker's channel to the primary keeps it alive: once adapter-node has closed the server and
	// its requests in flight are answered, let go of it so the process ends.
	process.once('sveltekit:shutdown', () => {
		process.disconnect?.();
		setTimeout(() => process.exit(0), 1000).unref();
	});
	await import(new URL('../build/index.js', import.meta.url).href);
}

/** Forks `count` workers, keeps them running and shuts them all down on a signal. */
function runPrimary(count) {
	let stopping = false;
	let listening = 0;
	/** Recent deaths, to back off when workers die as soon as they start. */
	const deaths = [];

	const fork = () => cluster.fork();
	for (let i = 0; i < count; i++) fork();

	cluster.on('listening', () => {
		listening++;
		if (listening === count) {
			console.log(`Meridian at http://localhost:${process.env.PORT} (${count} workers)`);
		}
	});
	cluster.on('exit', (worker, code, signal) => {
		if (stopping) {
			if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
			return;
		}
		listening = Math.max(0, listening - 1);
		const now = Date.now();
		deaths.push(now);
		const delay = restartDelay(deaths, now);
		console.error(
			`Meridian: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); ` +
				`starting another in ${delay} ms`
		);
		setTimeout(fork, delay).unref();
	});

	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`Meridian: ${signal}, finishing requests in flight, then stopping`);
		const alive = Object.values(cluster.workers ?? {});
		if (alive.length === 0) process.exit(0);
		for (const worker of alive) worker?.process.kill('SIGTERM');
		// adapter-node waits SHUTDOWN_TIMEOUT seconds (default 30) for requests in flight.
		const grace = (Number(process.env.SHUTDOWN_TIMEOUT) || 30) * 1000 + 5000;
		setTimeout(() => {
			for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
			process.exit(1);
		}, grace).unref();
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}
