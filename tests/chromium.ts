/**
 * How to launch Debian's Chromium here: Playwright cannot download its own browsers, and without
 * the background-networking flags Chromium keeps trying hosts this network refuses.
 */
export const chromiumLaunchOptions = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run',
		'--disable-quic'
	]
};
