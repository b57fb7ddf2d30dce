// `npm start`: serves the production build on PORT (default 3000), building it first when missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('build/index.js')) {
	console.log('No production build yet: running `npm run build` first.');
	const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}
process.env.PORT ??= '3000';
// The join and dashboard links the server hands out are built from the origin: without a proxy in
// front, that is this machine's address on PORT (set ORIGIN when serving from a public host).
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// Device transfers upload up to 10 MB of ciphertext (docs/api.md, Transfers); adapter-node's
// default refuses bodies over 512 KB. Every other endpoint keeps its own smaller limit.
process.env.BODY_SIZE_LIMIT ??= '11M';
console.log(`Meridian at http://localhost:${process.env.PORT}`);
await import(new URL('../build/index.js', import.meta.url).href);
