import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { precachedVersion, waitForServiceWorker } from './pwa';
import { takeScreenshots } from './helpers';

// Every test here is about the service worker (the suite blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

// Two real builds that differ only in their version, served one after the other on the same
// origin, as a deployment would.
const port = Number(process.env.PLAYWRIGHT_PORT ?? 4173) + 100;
const origin = `http://127.0.0.1:${port}`;
// SvelteKit's own output for these builds stays inside the project, where its server code can
// resolve node_modules during prerendering, but apart from `.svelte-kit`: a concurrent build (the
// web server's, another engineer's) must not pull files out from under it.
const kitDir = 'node_modules/.cache/meridian-update';
let dir = '';
let server: ChildProcess | undefined;

/**
 * Version A: the build the suite's web server serves (one build fewer on two shared cores), or a
 * build of its own where there is none.
 */
function buildA(): { out: string; version: string } {
	const versionFile = 'build/client/_app/version.json';
	if (existsSync('build/index.js') && existsSync(versionFile)) {
		return { out: 'build', version: JSON.parse(readFileSync(versionFile, 'utf8')).version };
	}
	return { out: build('update-a'), version: 'update-a' };
}

function build(version: string): string {
	const out = join(dir, version);
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], {
		env: {
			...process.env,
			MERIDIAN_VERSION: version,
			MERIDIAN_BUILD_OUT: out,
			MERIDIAN_KIT_OUT: join(kitDir, version)
		},
		encoding: 'utf8'
	});
	if (result.status !== 0) throw new Error(`build ${version} failed:\n${result.stderr}`);
	return out;
}

async function serve(out: string): Promise<void> {
	await stop();
	server = spawn('node', [out], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' } });
	for (let i = 0; i < 100; i++) {
		if (
			await fetch(origin).then(
				(r) => r.ok,
				() => false
			)
		)
			return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${out} did not start on ${origin}`);
}

async function stop(): Promise<void> {
	if (!server || server.exitCode !== null) return;
	const exited = new Promise((resolve) => server!.once('exit', resolve));
	server.kill();
	await exited;
}

/** True while a new version is installed but not yet in control. */
async function hasWaitingVersion(page: Page): Promise<boolean> {
	return page.evaluate(async () => Boolean((await navigator.serviceWorker.ready).waiting));
}

async function writeProbe(page: Page, value: string) {
	await page.evaluate(
		(value) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('update-probe', 1);
				open.onupgradeneeded = () => open.result.createObjectStore('log');
				open.onsuccess = () => {
					const tx = open.result.transaction('log', 'readwrite');
					tx.objectStore('log').put(value, 'entry');
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
			}),
		value
	);
}

async function readProbe(page: Page): Promise<unknown> {
	return page.evaluate(
		() =>
			new Promise((resolve) => {
				const open = indexedDB.open('update-probe', 1);
				open.onsuccess = () => {
					const get = open.result.transaction('log').objectStore('log').get('entry');
					get.onsuccess = () => resolve(get.result);
				};
			})
	);
}

test.describe.configure({ mode: 'serial', timeout: 120_000 });
test.afterAll(async () => {
	await stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
	rmSync(kitDir, { recursive: true, force: true });
});

test('a new version waits for the user: declining keeps A, accepting activates B', async ({
	page,
	context
}, info) => {
	test.skip(info.project.name !== 'desktop', 'one run takes the screenshots at both sizes');
	// Inside the project too: the server opens its database at start, and better-sqlite3 must
	// resolve from node_modules.
	mkdirSync(kitDir, { recursive: true });
	dir = mkdtempSync(join(kitDir, 'serve-'));
	const a = buildA();
	const b = build('update-b');
	await serve(a.out);
	await page.goto(`${origin}/`);
	await waitForServiceWorker(page);
	expect(await precachedVersion(page)).toBe(a.version);
	await writeProbe(page, 'review logged under A');

	await serve(b);
	await page.reload();
	const prompt = page.getByRole('status').filter({ hasText: 'Update available' });
	await expect(prompt).toBeVisible({ timeout: 20_000 });
	const reload = prompt.getByRole('button', { name: 'Reload' });
	const dismiss = prompt.getByRole('button', { name: 'Dismiss' });
	for (const button of [reload, dismiss]) {
		const box = (await button.boundingBox())!;
		expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
	}
	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
	if (takeScreenshots)
		await page.screenshot({ path: 'tests/screenshots/update-prompt-desktop.png' });
	await page.setViewportSize({ width: 360, height: 740 });
	if (takeScreenshots) await page.screenshot({ path: 'tests/screenshots/update-prompt-phone.png' });
	await page.emulateMedia({ colorScheme: 'dark' });
	if (takeScreenshots)
		await page.screenshot({ path: 'tests/screenshots/update-prompt-phone-dark.png' });

	// Declining: A keeps serving the app, online and offline, and nothing switched underneath.
	await dismiss.click();
	await expect(prompt).toBeHidden();
	await page.getByRole('link', { name: 'About', exact: true }).click();
	await expect(page.getByText('Mariam Asif').first()).toBeVisible();
	await context.setOffline(true);
	await page.goto(`${origin}/decks/energy`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Energy deals');
	expect(await hasWaitingVersion(page)).toBe(true);
	await context.setOffline(false);

	// The waiting version asks again on the next load; accepting activates it.
	await page.reload();
	await expect(prompt).toBeVisible({ timeout: 20_000 });
	await Promise.all([
		page.waitForEvent('load'),
		prompt.getByRole('button', { name: 'Reload' }).click()
	]);
	await waitForServiceWorker(page);
	await expect.poll(() => precachedVersion(page)).toBe('update-b');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Energy deals');
	await expect(prompt).toBeHidden();
	expect(await hasWaitingVersion(page)).toBe(false);
	expect(await readProbe(page)).toBe('review logged under A');
});
