// `npm test`: the type check and the lint at once (each mostly uses one core, and the machine has
// two), each one's output shown whole when it ends; then the unit tests, then the browser tests.
// Stops at the first step that fails, with its exit code.
import { spawn } from 'node:child_process';

/** Runs `npm run <script>`; with `quiet`, keeps its output until it ends. */
function run(script, { quiet = false } = {}) {
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', '--silent', script], {
			stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit'
		});
		const output = [];
		child.stdout?.on('data', (chunk) => output.push(chunk));
		child.stderr?.on('data', (chunk) => output.push(chunk));
		child.on('close', (code, signal) => {
			const status = code ?? (signal ? 1 : 0);
			if (quiet) {
				process.stdout.write(`\n> npm run ${script}\n`);
				process.stdout.write(Buffer.concat(output));
			}
			resolve(status);
		});
	});
}

const [check, lint] = await Promise.all([
	run('check', { quiet: true }),
	run('lint', { quiet: true })
]);
for (const [name, code] of [
	['check', check],
	['lint', lint]
]) {
	if (code !== 0) {
		console.error(`\nnpm run ${name} failed (exit ${code}).`);
		process.exit(code);
	}
}
for (const script of ['test:unit', 'test:e2e']) {
	console.log(`\n> npm run ${script}`);
	const code = await run(script);
	if (code !== 0) process.exit(code);
}
