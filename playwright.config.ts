import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium';

// PLAYWRIGHT_PORT lets two people run the suite on one machine without sharing a server.
const port = Number(process.env.PLAYWRIGHT_PORT ?? 4173);

// The app's study day starts at 04:00 on the device's clock, and tests that study then count the
// learning cards coming back 10 minutes later. Run in the hours before 04:00 (CI saw it at 03:50),
// those cards fell on the next study day and the tests failed; such a run uses a time zone six
// hours ahead of this machine's, so the whole run stays inside one study day. A test that sets its
// own time zone keeps it.
const startedAt = new Date();
const minuteOfDay = startedAt.getHours() * 60 + startedAt.getMinutes();
const timezoneId = minuteOfDay >= 135 && minuteOfDay < 240 ? 'Etc/GMT-6' : undefined;

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	fullyParallel: true,
	workers: 2,
	// Two browsers, the server and its builds share two cores: a test that visits every deck page
	// offline or checks a dozen pages with axe takes 30-40 s in a CI run, over Playwright's
	// default 30 s. A test that truly hangs still fails, at one minute.
	timeout: 60_000,
	retries: process.env.CI ? 1 : 0,
	// In CI, each test's duration too (test-results/e2e.json), to see where the run's time goes.
	reporter: process.env.CI ? [['line'], ['json', { outputFile: 'test-results/e2e.json' }]] : 'list',
	webServer: {
		command: `npm run build && node build`,
		port,
		env: { PORT: String(port), ORIGIN: `http://localhost:${port}` },
		reuseExistingServer: !process.env.CI,
		timeout: 300_000
	},
	use: {
		baseURL: `http://localhost:${port}`,
		// Blocked unless a test asks for it: a worker installing in every fresh context precaches
		// the whole app (about 660 KB) for nothing. The specs about it use `serviceWorkers: 'allow'`.
		serviceWorkers: 'block',
		timezoneId,
		launchOptions: chromiumLaunchOptions
	},
	projects: [
		{
			name: 'phone',
			use: { ...devices['Pixel 7'], viewport: { width: 360, height: 740 } },
			// Server behaviour and response headers do not depend on the screen: they run once, on
			// desktop (their specs say so too).
			testIgnore: ['**/server-faults.e2e.ts', '**/hardening.e2e.ts']
		},
		{ name: 'desktop', use: { ...devices['Desktop Chrome'] } }
	]
});
