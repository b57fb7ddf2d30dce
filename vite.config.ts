import { sveltekit } from '@sveltejs/kit/vite';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { precacheBudget } from './scripts/precache-size.js';
import { clientChunks } from './scripts/client-chunks.js';

export default defineConfig({
	plugins: [sveltekit(), precacheBudget(), clientChunks()],
	test: {
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		setupFiles: ['src/test-setup.ts'],
		// A throw-away PostgreSQL for the server specs, which run on both engines.
		globalSetup: ['src/lib/server/testing/postgres-setup.ts'],
		// A zone with daylight saving, so day-boundary tests cross a 23- and a 25-hour day.
		env: { TZ: 'Europe/London' },
		expect: { requireAssertions: true },
		// Vitest leaves a core to its main process by default, which on this 2-core machine is one
		// worker: two ran the suite in 126 s against 179 s for one (2 December, beside other work).
		maxWorkers: Math.max(2, availableParallelism() - 1),
		// Some specs draw a thousand quizzes from the real banks: room for a loaded 2-core machine.
		testTimeout: 20_000
	}
});
