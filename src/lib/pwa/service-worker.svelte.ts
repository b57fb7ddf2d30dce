import type { Workbox } from 'workbox-window';

/** How often an open tab asks the server for a new version when it comes back into view. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The service worker's registration as the UI sees it. A new version never takes over by itself:
 * it waits until the user accepts the update prompt, or until every tab is closed.
 */
class ServiceWorkerState {
	/** A new version is installed and waiting for the user's consent. */
	updateWaiting = $state(false);
	/** The whole app is cached: it opens and works without a network. */
	offlineReady = $state(false);
	#workbox: Workbox | undefined;
	#registration: ServiceWorkerRegistration | undefined;
	#lastUpdateCheck = 0;

	/** Registers the service worker once; call it in the browser, in production builds only. */
	async register(url: string): Promise<void> {
		if (this.#workbox || !('serviceWorker' in navigator)) return;
		// Loaded after the page is up, so registration costs the first paint nothing.
		const { Workbox } = await import('workbox-window');
		const workbox = new Workbox(url);
		this.#workbox = workbox;
		workbox.addEventListener('waiting', () => (this.updateWaiting = true));
		workbox.addEventListener('activated', (event) => {
			if (!event.isUpdate) this.offlineReady = true;
		});
		try {
			this.#registration = await workbox.register();
		} catch (error) {
			// No worker (refused by the browser, its script unreachable): the app works online as a
			// plain site and says nothing of offline; the next start tries again.
			console.warn('The service worker could not be registered:', error);
			return;
		}
		if (navigator.serviceWorker.controller) this.offlineReady = true;
		this.#lastUpdateCheck = Date.now();
		document.addEventListener('visibilitychange', () => this.#checkForUpdate());
	}

	/** Activates the waiting version, then reloads this tab into it. */
	acceptUpdate(): void {
		const workbox = this.#workbox;
		if (!workbox || !this.#registration?.waiting) {
			// Another tab already activated it: reloading is enough.
			location.reload();
			return;
		}
		// Only the tab whose user said yes reloads; other open tabs keep their page as it is.
		workbox.addEventListener('controlling', () => location.reload());
		workbox.messageSkipWaiting();
	}

	/** Hides the prompt; the new version still takes over on the next cold start. */
	dismissUpdate(): void {
		this.updateWaiting = false;
	}

	#checkForUpdate(): void {
		if (document.visibilityState !== 'visible' || !navigator.onLine) return;
		if (Date.now() - this.#lastUpdateCheck < UPDATE_CHECK_INTERVAL_MS) return;
		this.#lastUpdateCheck = Date.now();
		// A failed check (a flaky network) simply waits for the next one.
		this.#workbox?.update().catch(() => {});
	}
}

export const serviceWorker = new ServiceWorkerState();
