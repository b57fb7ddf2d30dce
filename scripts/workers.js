// Pure helpers of scripts/start.js, apart so that they can be tested without starting a server.
import { availableParallelism } from 'node:os';

/**
 * The number of server processes WORKERS asks for: unset or empty is 1, `auto` is one per core,
 * otherwise a whole number from 1 to 64. Anything else is an Error naming the value.
 * @param {string | undefined} value
 * @param {number} [cores]
 * @returns {number | Error}
 */
export function parseWorkers(value, cores = availableParallelism()) {
	if (value === undefined || value.trim() === '') return 1;
	if (value.trim() === 'auto') return Math.max(1, cores);
	const count = Number(value);
	if (!/^\s*\d+\s*$/.test(value) || count < 1 || count > 64) {
		return new Error(`WORKERS must be a whole number from 1 to 64 or "auto"; got "${value}"`);
	}
	return count;
}

/**
 * How long to wait before restarting a worker that died: at once for a rare death, doubling from
 * 1 s to 30 s while workers keep dying (more than 3 in the last minute), so a worker that crashes
 * at start does not spin the machine.
 * @param {number[]} deaths epoch ms of recent deaths, the last one included; pruned in place
 * @param {number} now
 */
export function restartDelay(deaths, now) {
	while (deaths.length > 0 && now - deaths[0] > 60_000) deaths.shift();
	const recent = deaths.length;
	if (recent <= 3) return 0;
	return Math.min(30_000, 1000 * 2 ** (recent - 4));
}
