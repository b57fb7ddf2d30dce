// Makes sure Debian's Chromium is there for the browser tests: Playwright cannot download its own
// browsers on this network. Installs it with apt-get when we are root; otherwise says what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(path)) {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const hasApt = existsSync('/usr/bin/apt-get');
	if (!isRoot || !hasApt) {
		console.error(
			`Chromium is missing at ${path}. Install Debian's chromium package ` +
				'(sudo apt-get update && sudo apt-get install -y chromium), or set CHROMIUM_PATH to a ' +
				'Chromium or Chrome binary, then run the tests again.'
		);
		process.exit(1);
	}
	console.log(`Chromium is missing at ${path}: installing Debian's chromium package...`);
	execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
		stdio: 'inherit'
	});
	if (!existsSync(path)) {
		console.error(`apt-get finished but ${path} is still missing; set CHROMIUM_PATH.`);
		process.exit(1);
	}
}
