import { apiRequest, assignmentPath, type AssignmentResults, type ResultsAnswer } from '$lib/api';
import { formatTime } from '$lib/format/dates';
import { mergeResults, newSubmissionsText } from './results';

/** How often the dashboard asks for what changed while the tab is visible. */
export const REFRESH_MS = 20_000;

/**
 * The dashboard's results, kept current: the first load asks for everything, each poll after it
 * only for what changed (`?since=` the last answer's `lastSeq`) and merges that in. Polling stops
 * while the tab is hidden and catches up at once when it is shown again.
 */
export class ResultsDashboard {
	results = $state.raw<AssignmentResults | null>(null);
	problem = $state('');
	/** When the last answer arrived (epoch ms). */
	updatedAt = $state<number | null>(null);
	/** A polite announcement of new submissions (read by screen readers, shown as a line). */
	news = $state('');
	/** The request in flight, if any: refreshes run one after another. */
	#running: Promise<void> = Promise.resolve();
	#queued = 0;

	constructor(
		private readonly code: () => string,
		private readonly key: () => string
	) {}

	/**
	 * Asks for what changed (or everything with `full`) and merges it in, after any request in
	 * flight (so a change the instructor just made is always in what it reads).
	 */
	refresh(full = false): Promise<void> {
		this.#queued++;
		this.#running = this.#running.then(() => this.#load(full)).finally(() => this.#queued--);
		return this.#running;
	}

	/** A timed poll: skipped while another request waits. */
	#poll() {
		if (this.#queued === 0) void this.refresh();
	}

	async #load(full: boolean): Promise<void> {
		if (!navigator.onLine) return;
		const current = full ? null : this.results;
		const since = current ? `?since=${current.lastSeq}` : '';
		try {
			const answer = await apiRequest<ResultsAnswer>(
				'GET',
				assignmentPath(this.code(), 'results') + since,
				{ key: this.key() }
			);
			// A changed due date changes every "sent after due": read everything again.
			if (current && answer.assignment.dueAt !== current.assignment.dueAt) return this.#load(true);
			const { results, added } = mergeResults(current, answer);
			this.results = results;
			// The time makes two announcements alike differ, so a screen reader reads both.
			if (current && added > 0)
				this.news = `${newSubmissionsText(added)} ${formatTime(Date.now())}`;
			this.problem = '';
			this.updatedAt = Date.now();
		} catch (error) {
			this.problem = (error as Error).message;
		}
	}

	/** Starts polling; returns the function that stops it. */
	start(): () => void {
		let timer: ReturnType<typeof setInterval> | undefined;
		const run = () => {
			clearInterval(timer);
			timer = undefined;
			if (document.visibilityState !== 'visible') return;
			timer = setInterval(() => this.#poll(), REFRESH_MS);
		};
		const onVisibility = () => {
			run();
			if (document.visibilityState === 'visible' && this.results) this.#poll();
		};
		document.addEventListener('visibilitychange', onVisibility);
		run();
		void this.refresh();
		return () => {
			clearInterval(timer);
			document.removeEventListener('visibilitychange', onVisibility);
		};
	}
}
