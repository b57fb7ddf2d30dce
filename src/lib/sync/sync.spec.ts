import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { START_DELAY_MS } from './start';

// The outbox's storage, stubbed: what is tested here is when the first send starts.
const open = vi.fn(async () => ({}));
vi.mock('$lib/storage/connection.svelte', () => ({ storage: { open, report: vi.fn() } }));
vi.mock('$lib/storage/classes', () => ({ listMemberships: vi.fn(async () => []) }));
vi.mock('$lib/storage/outbox', () => ({ outboxItems: vi.fn(async () => []) }));
vi.mock('./class-progress', () => ({ queueClassProgress: vi.fn(async () => 0) }));
vi.mock('./class-overview', () => ({ refreshOverview: vi.fn() }));
vi.mock('./outbox', () => ({ flushOutbox: vi.fn(async () => undefined) }));

/** A fresh module, its outbox not started. */
async function freshOutbox() {
	vi.resetModules();
	vi.stubGlobal('addEventListener', vi.fn());
	vi.stubGlobal('navigator', { onLine: false });
	return import('./sync.svelte');
}

beforeEach(() => {
	vi.useFakeTimers();
	open.mockClear();
});

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('the outbox at app start', () => {
	it('sends first after a moment, not before the page’s own first reads', async () => {
		const { outbox } = await freshOutbox();
		outbox.start(START_DELAY_MS);
		await vi.advanceTimersByTimeAsync(START_DELAY_MS - 1);
		expect(open).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(open).toHaveBeenCalledTimes(1);
		// A second start (another layout mount) neither sends nor waits again.
		outbox.start(START_DELAY_MS);
		await vi.advanceTimersByTimeAsync(START_DELAY_MS);
		expect(open).toHaveBeenCalledTimes(1);
	});

	it('sends at once when asked before the first send (a class just joined)', async () => {
		const { outbox } = await freshOutbox();
		outbox.start(START_DELAY_MS);
		await outbox.flush();
		expect(open).toHaveBeenCalledTimes(1);
	});

	it('is imported by the app only when its first send is due, and then sends at once', async () => {
		await freshOutbox();
		const { startOutboxSoon } = await import('./start');
		startOutboxSoon();
		await vi.advanceTimersByTimeAsync(START_DELAY_MS - 1);
		expect(open).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		// The import and the send it starts, with no second wait.
		await vi.waitFor(() => expect(open).toHaveBeenCalledTimes(1));
		await vi.advanceTimersByTimeAsync(START_DELAY_MS);
		expect(open).toHaveBeenCalledTimes(1);
	});
});
