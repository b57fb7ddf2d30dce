import { getContext, setContext } from 'svelte';
import { resolve } from '$app/paths';
import { ApiResponseError, getDashboard, type ClassDashboard } from '$lib/api';
import { storage } from '$lib/storage/connection.svelte';
import { listAssignments } from '$lib/storage/assignments';
import { getInstructorClass, saveInstructorClass } from '$lib/storage/classes';

/** How often an open class page reads the class again, without a button. */
export const REFRESH_MS = 20_000;

/** The class key in a link's fragment (`#key=...`), which browsers never send to a server. */
export function keyFromFragment(hash: string): string | null {
	return /(?:^#|&)key=([A-Za-z0-9_-]{43})(?:&|$)/.exec(hash)?.[1] ?? null;
}

/**
 * One class as its pages see it on this device: the class key kept here, and the dashboard,
 * read when opened and again every {@link REFRESH_MS} while the page is visible.
 */
export class ClassSession {
	readonly code: string;
	key = $state<string | null>(null);
	name = $state('');
	/** Read the device's rows: false until then, so pages do not say "not on this device" early. */
	ready = $state(false);
	dashboard = $state.raw<ClassDashboard | null>(null);
	problem = $state('');
	/** When the dashboard was last read (epoch ms). */
	updatedAt = $state<number | null>(null);
	/**
	 * The private results link (`/teach/<code>#key=...`) of each assignment set on this device, by
	 * code: an assignment's results open with its own key, which the device that set it keeps.
	 */
	resultsLinks = $state.raw<Readonly<Record<string, string>>>({});
	/** Set when a link from another device saved the class here. */
	savedFromLink = $state(false);
	#listeners: (() => void)[] = [];

	constructor(code: string) {
		this.code = code;
	}

	/**
	 * Finds the class key: in the link's fragment (the "open on another device" link, which saves
	 * the class on this device and is then taken out of the address bar), else on this device.
	 */
	async open(): Promise<void> {
		const db = await storage.open();
		await this.readResultsLinks();
		const fromLink = keyFromFragment(location.hash);
		if (fromLink) {
			history.replaceState(history.state, '', location.pathname + location.search);
			this.key = fromLink;
			await this.refresh();
			if (this.dashboard) {
				await saveInstructorClass(db, {
					code: this.code,
					name: this.dashboard.class.name,
					classKey: fromLink,
					createdAt: Date.now()
				});
				this.savedFromLink = true;
			}
		} else {
			const row = await getInstructorClass(db, this.code);
			this.key = row?.classKey ?? null;
			this.name = row?.name ?? '';
			if (this.key) await this.refresh();
		}
		this.ready = true;
	}

	/**
	 * The results link of one of the class's assignments: its own private link when this device
	 * set it, else the results page with the class key in the fragment (the server takes the class
	 * key for its assignments' results), so they open on any device that has the class key.
	 */
	resultsLink(assignmentCode: string): string | null {
		const own = this.resultsLinks[assignmentCode];
		if (own) return own;
		return this.key
			? `${resolve('/teach/[code]', { code: assignmentCode })}#key=${this.key}`
			: null;
	}

	/** Reads the results links of the assignments set on this device. */
	async readResultsLinks(): Promise<void> {
		const rows = await listAssignments(await storage.open(), 'instructor');
		this.resultsLinks = Object.fromEntries(rows.map((r) => [r.assignment.code, r.dashboardUrl]));
	}

	/** Reads the dashboard again (quietly: a failure keeps the last one shown, with the reason). */
	async refresh(): Promise<void> {
		if (!this.key || !navigator.onLine) return;
		try {
			this.dashboard = await getDashboard(this.code, this.key);
			this.name = this.dashboard.class.name;
			this.problem = '';
			this.updatedAt = Date.now();
			for (const listener of this.#listeners) listener();
		} catch (error) {
			this.problem =
				error instanceof ApiResponseError && error.status === 401
					? 'The class key on this device no longer opens this class (it was replaced on another device). Open the class from that device’s “Open on another device” link.'
					: `The class could not be read: ${(error as Error).message}`;
		}
	}

	/** Calls `listener` after every refresh; returns the way to stop. */
	onRefresh(listener: () => void): () => void {
		this.#listeners.push(listener);
		return () => {
			this.#listeners = this.#listeners.filter((l) => l !== listener);
		};
	}

	/** Refreshes every REFRESH_MS while the page is visible; returns the way to stop. */
	poll(): () => void {
		const timer = setInterval(() => {
			if (document.visibilityState === 'visible') void this.refresh();
		}, REFRESH_MS);
		return () => clearInterval(timer);
	}
}

const KEY = Symbol('class-session');

export const provideClassSession = (session: ClassSession) => setContext(KEY, session);
export const useClassSession = () => getContext<ClassSession>(KEY);
