import { storage } from '$lib/storage/connection.svelte';
import { outboxItems, type OutboxRow } from '$lib/storage/outbox';
import { flushOutbox } from './outbox';

const TICK = 15_000;

/** Sends the outbox: at app start, when the connection returns, and while anything waits. */
class OutboxSync {
	items = $state.raw<OutboxRow[]>([]);
	#started = false;
	#running = false;

	start(): void {
		if (this.#started) return;
		this.#started = true;
		addEventListener('online', () => void this.flush());
		setInterval(() => {
			if (navigator.onLine && this.items.some((i) => i.status === 'waiting')) void this.flush();
		}, TICK);
		navigator.serviceWorker?.addEventListener('message', (event) => {
			if (event.data?.type === 'FLUSH_OUTBOX') void this.flush();
		});
		void this.flush();
	}

	/** Tries every submission that is due now; called again by the triggers above. */
	async flush(): Promise<void> {
		if (this.#running) return;
		this.#running = true;
		try {
			const db = await storage.open();
			if (navigator.onLine) await flushOutbox(db, fetch, Date.now());
			this.items = await outboxItems(db);
			if (this.items.some((i) => i.status === 'waiting')) await requestBackgroundSync();
		} catch (error) {
			storage.report(error);
		} finally {
			this.#running = false;
		}
	}
}

/** Asks the browser (where it has Background Sync) to wake the service worker when online. */
async function requestBackgroundSync(): Promise<void> {
	const registration = await navigator.serviceWorker?.getRegistration();
	const sync = (
		registration as
			(ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined
	)?.sync;
	await sync?.register('meridian-outbox').catch(() => undefined);
}

export const outbox = new OutboxSync();
