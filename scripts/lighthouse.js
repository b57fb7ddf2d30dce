// Lighthouse 12 (mobile, default throttling) against the production build:
// `npm run build && node scripts/lighthouse.js [path...]`. Serves `build` (or the build directory
// BUILD names, as the benchmarks' harness does) on LIGHTHOUSE_PORT (4373), prints a Markdown table
// for docs/benchmarks.md and writes the full reports to test-results/lighthouse/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const port = Number(process.env.LIGHTHOUSE_PORT ?? 4373);
const origin = `http://127.0.0.1:${port}`;
const paths = process.argv.slice(2).length
	? process.argv.slice(2)
	: ['/', '/decks/history', '/about', '/essay', '/study/history', '/quiz/history'];

const build = process.env.BUILD ?? 'build';
if (!existsSync(`${build}/index.js`)) {
	console.error(`No production build in ${build}: run \`npm run build\` first.`);
	process.exit(1);
}
const server = spawn('node', [build], {
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
	stdio: 'ignore'
});
try {
	for (
		let i = 0;
		!(await fetch(origin).then(
			(r) => r.ok,
			() => false
		));
		i++
	) {
		if (i > 100) throw new Error(`the build did not start on ${origin}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	mkdirSync('test-results/lighthouse', { recursive: true });
	const rows = [];
	for (const path of paths) {
		const run = spawnSync(
			'node',
			[
				'node_modules/lighthouse/cli/index.js',
				`${origin}${path}`,
				'--output=json',
				'--output-path=stdout',
				'--only-categories=performance,accessibility',
				'--chrome-flags=--headless=new --no-sandbox',
				'--quiet'
			],
			{
				env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
				encoding: 'utf8',
				maxBuffer: 64 * 1024 * 1024
			}
		);
		if (run.status !== 0) throw new Error(`lighthouse ${path} failed:\n${run.stderr}`);
		const report = JSON.parse(run.stdout);
		const name = path === '/' ? 'home' : path.slice(1).replaceAll('/', '-');
		writeFileSync(`test-results/lighthouse/${name}.json`, run.stdout);
		const audit = (/** @type {string} */ id) => report.audits[id].numericValue;
		rows.push({
			path,
			performance: report.categories.performance.score,
			accessibility: report.categories.accessibility.score,
			lcp: `${(audit('largest-contentful-paint') / 1000).toFixed(2)} s`,
			fcp: `${(audit('first-contentful-paint') / 1000).toFixed(2)} s`,
			tbt: `${Math.round(audit('total-blocking-time'))} ms`,
			cls: audit('cumulative-layout-shift').toFixed(3),
			transfer: `${(audit('total-byte-weight') / 1024).toFixed(1)} KiB`,
			requests: report.audits['network-requests'].details.items.length
		});
		console.error(`measured ${path}`);
	}
	const head = Object.keys(rows[0]);
	console.log(`| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |`);
	for (const row of rows) console.log(`| ${Object.values(row).join(' | ')} |`);
} finally {
	server.kill();
}
