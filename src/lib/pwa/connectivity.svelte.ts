/** Whether the browser has a network, for the offline indicator and features that need one. */
class Connectivity {
	/** True until the browser says otherwise, so server-rendered HTML matches the first render. */
	online = $state(true);
	#watching = false;

	/** Starts following the browser's online and offline events; safe to call more than once. */
	watch(): void {
		if (this.#watching) return;
		this.#watching = true;
		this.online = navigator.onLine;
		addEventListener('online', () => (this.online = true));
		addEventListener('offline', () => (this.online = false));
	}
}

export const connectivity = new Connectivity();

/** The plain sentence a feature shows instead of failing silently while offline. */
export function needsNetworkMessage(feature: string): string {
	return `${feature} needs a network connection. You are offline: connect and try again. Studying, quizzes and your saved progress keep working offline.`;
}
