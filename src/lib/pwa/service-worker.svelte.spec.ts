import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const register = vi.fn<() => Promise<unknown>>();
vi.mock('workbox-window', () => ({
	Workbox: class {
		addEventListener() {}
		register = register;
	}
}));

describe('the service worker registration', () => {
	beforeEach(() => {
		vi.resetModules();
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		vi.stubGlobal('document', { addEventListener: vi.fn() });
	});
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.restoreAllMocks();
	});

	it('survives a registration the browser refuses, saying nothing of offline', async () => {
		vi.stubGlobal('navigator', { serviceWorker: { controller: null } });
		register.mockRejectedValueOnce(new DOMException('Registration refused', 'SecurityError'));
		const { serviceWorker } = await import('./service-worker.svelte');
		await expect(serviceWorker.register('/service-worker.js')).resolves.toBeUndefined();
		expect(serviceWorker.offlineReady).toBe(false);
		expect(console.warn).toHaveBeenCalledOnce();
	});

	it('is offline-ready at once when a worker already controls the page', async () => {
		vi.stubGlobal('navigator', { serviceWorker: { controller: {} } });
		register.mockResolvedValueOnce({ waiting: null });
		const { serviceWorker } = await import('./service-worker.svelte');
		await serviceWorker.register('/service-worker.js');
		expect(serviceWorker.offlineReady).toBe(true);
		expect(console.warn).not.toHaveBeenCalled();
	});
});
