import { describe, expect, it } from 'vitest';
import { LazyModule } from './lazy-module.svelte';

describe('LazyModule', () => {
	it('imports once, however often it is asked for', async () => {
		let imports = 0;
		const lazy = new LazyModule(async () => ({ n: ++imports }));
		expect(lazy.module).toBeUndefined();
		await Promise.all([lazy.load(), lazy.load()]);
		await lazy.load();
		expect(lazy.module).toEqual({ n: 1 });
		expect(lazy.failed).toBe(false);
		expect(imports).toBe(1);
	});

	it('says when the import failed, and imports again when asked', async () => {
		let online = false;
		const lazy = new LazyModule(async () => {
			if (!online) throw new TypeError('Failed to fetch dynamically imported module');
			return 'code';
		});
		await lazy.load();
		expect(lazy.failed).toBe(true);
		expect(lazy.module).toBeUndefined();
		online = true;
		await lazy.load();
		expect(lazy.failed).toBe(false);
		expect(lazy.module).toBe('code');
	});
});
