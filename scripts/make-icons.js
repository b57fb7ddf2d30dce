// Renders static/icons/icon.svg to the PNG icons the manifest and iOS need, in Debian's Chromium,
// then shrinks them with pngquant (`apt install pngquant`; a 256-colour palette is lossless to the
// eye for this flat icon and a third of the size, and Chromium downloads the 192 px icon on a
// first visit): `node scripts/make-icons.js`. Commit the PNGs it writes; the build does not run this.
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const THEME = '#1d4e89';
const svg = readFileSync('static/icons/icon.svg', 'base64');

// `any` icons keep the rounded square on a transparent background. Maskable and Apple icons are
// cropped by the platform, so they fill the square with the theme colour and shrink the motif into
// the central safe zone (a circle of 80% of the width).
const icons = [
	{ file: 'icon-192.png', size: 192, scale: 1, background: 'transparent' },
	{ file: 'icon-512.png', size: 512, scale: 1, background: 'transparent' },
	{ file: 'icon-maskable-512.png', size: 512, scale: 0.8, background: THEME },
	{ file: 'apple-touch-icon-180.png', size: 180, scale: 0.86, background: THEME }
];

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
});
const page = await browser.newPage({ deviceScaleFactor: 1 });
for (const { file, size, scale, background } of icons) {
	await page.setViewportSize({ width: size, height: size });
	await page.setContent(
		`<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;` +
			`background:${background}"><img alt="" style="width:${size * scale}px" ` +
			`src="data:image/svg+xml;base64,${svg}"></body>`
	);
	await page.locator('img').evaluate((img) => img.decode());
	await page.screenshot({
		path: `static/icons/${file}`,
		omitBackground: background === 'transparent'
	});
	const quantize = spawnSync(
		'pngquant',
		['--quality=80-98', '--speed=1', '--strip', '--force', '--ext=.png', `static/icons/${file}`],
		{ stdio: 'inherit' }
	);
	if (quantize.error)
		throw new Error(`pngquant did not run (apt install pngquant): ${quantize.error}`);
	if (quantize.status !== 0) throw new Error(`pngquant failed on static/icons/${file}`);
	console.log(`static/icons/${file} (${size}x${size})`);
}
await browser.close();
