import { listMemberships, type StudentClass } from '$lib/storage/classes';
import { storage } from '$lib/storage/connection.svelte';
import { outboxItems, type OutboxRow } from '$lib/storage/outbox';
import { queueClassProgress } from './class-progress';
import { refreshOverview } from './class-overview';
import { flushOutbox } from './outbox';

const TICK = 15_000;
/** How long after a review its class progress is sent: reviews in a row go in one report. */
export const SOON_MS = 5_000;

/**
 * Sends the outbox: at app start, when the connection returns, while anything waits, and soon
 * after a review of a class's cards. Before each send the class progress not yet queued is
 * queued (so progress studied offline, or before the page closed, is never left behind).
 */
class OutboxSync {
	items = $state.raw<OutboxRow[]>([]);
	/** The classes the student joined on this device, as last read. */
	memberships = $state.raw<StudentClass[]>([]);
	#started = false;
	#running: Promise<void> | null = null;
	#again = false;
	#soon: ReturnType<typeof setTimeout> | null = null;

	/**
	 * Starts the triggers; the first send is `delay` from now (the app starts it once its first
	 * send is due: see `startOutboxSoon` in ./start, which this module must not import).
	 */
	start(delay: number): void {
		if (this.#started) return;
		this.#started = true;
		addEventListener('online', () => void this.flush());
		setInterval(() => {
			if (navigator.onLine && this.items.some((i) => i.status === 'waiting')) void this.flush();
		}, TICK);
		navigator.serviceWorker?.addEventListener('message', (event) => {
			if (event.data?.type === 'FLUSH_OUTBOX') void this.flush();
		});
		// Leaving the page sends what waits at once rather than at the next start.
		addEventListener('pagehide', () => {
			if (this.#soon !== null) void this.flush();
		});
		// The first send waits a moment: its transactions (a write over the card states among them,
		// when a class is joined) would otherwise run before the page's own first reads and make
		// them wait (issue 18; an idle callback is no help, the page is idle while it awaits its
		// data). What it sends is kept in the outbox meanwhile, so waiting loses nothing.
		setTimeout(() => void this.flush(), delay);
	}

	/**
	 * Fetches the overview of every class joined (online: the assignments, the student's due dates
	 * and results), then flushes, so progress on review assignments just learnt of is queued.
	 */
	async refreshClasses(): Promise<void> {
		try {
			const db = await storage.open();
			if (navigator.onLine) {
				for (const row of await listMemberships(db)) {
					await refreshOverview(db, row, fetch, Date.now()).catch(() => undefined);
				}
			}
			this.memberships = await listMemberships(db);
		} catch (error) {
			storage.report(error);
		}
		await this.flush();
	}

	/** A flush in a few seconds (reviews given meanwhile share it). */
	soon(): void {
		if (this.#soon !== null) return;
		this.#soon = setTimeout(() => void this.flush(), SOON_MS);
	}

	/**
	 * Tries every item that is due now; called again by the triggers above. A call while a flush
	 * runs makes it run once more when done (so what was just queued is not left waiting), and
	 * resolves when that is over.
	 */
	flush(): Promise<void> {
		if (this.#soon !== null) clearTimeout(this.#soon);
		this.#soon = null;
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#run().finally(() => (this.#running = null));
		return this.#running;
	}

	async #run(): Promise<void> {
		do {
			this.#again = false;
			try {
				const db = await storage.open();
				const now = Date.now();
				await queueClassProgress(db, now);
				if (navigator.onLine) {
					await flushOutbox(db, fetch, now);
					// A class joined just now: its assignments, so home lists them and progress flows.
					for (const row of await listMemberships(db)) {
						if (row.sync === 'joined' && row.overview === null) {
							await refreshOverview(db, row, fetch, now).catch(() => undefined);
						}
					}
				}
				this.items = await outboxItems(db);
				this.memberships = await listMemberships(db);
				if (this.items.some((i) => i.status === 'waiting')) await requestBackgroundSync();
			} catch (error) {
				storage.report(error);
			}
		} while (this.#again);
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
