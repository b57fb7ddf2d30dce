import type { Card } from '$lib/decks/types';
import { requeue, type CustomStudy, type QueueEntry } from '$lib/srs/queue';
import { studyDay } from '$lib/srs/day';
import { examRequeue, examTiming, type ExamTiming } from '$lib/srs/exam';
import type { Scheduler } from '$lib/srs/scheduler';
import type { StudySettings } from '$lib/srs/settings';
import type { Grade, ReviewLogEntry } from '$lib/srs/states';
import type { MeridianDB } from '$lib/storage/db';
import { loadCardStates, recentStudyReviews } from '$lib/storage/study-data';
import { LazyModule } from '$lib/lazy-module.svelte';
import { storage, type StorageConnection } from '$lib/storage/connection.svelte';
import { timed } from '$lib/study/timing';
import { loadQueue, withoutHidden } from './queue-source';

/** The clock and id source, passed in so that tests and benchmarks can drive a session. */
export interface SessionEnv {
	now: () => number;
	newId: () => string;
	setTimeout: (run: () => void, ms: number) => unknown;
	clearTimeout: (timer: unknown) => void;
}

const browserEnv: SessionEnv = {
	now: () => Date.now(),
	newId: () => crypto.randomUUID(),
	setTimeout: (run, ms) => setTimeout(run, ms),
	clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>)
};

/**
 * How long a commit may take before the page shows it is busy. A commit usually takes a few
 * milliseconds: re-rendering the page as it starts (disabling the buttons) made the browser draw a
 * frame before handing over the transaction's results, which doubled the time to the next card.
 */
export const BUSY_AFTER_MS = 100;

/**
 * What a session studies: `today`, what is due plus today's new cards; `exam`, the deck's
 * "Prepare for exam" queue for its exam date; a custom study ("Study more"). Reviews are
 * recorded the same way in all.
 */
export type SessionMode = 'today' | 'exam' | CustomStudy;

/** What the page imports after its first card: `./after-card`. */
export type AfterCard = typeof import('./after-card');

/** Said when `./after-card` could not be loaded (offline, before the app was ever stored). */
export const UNAVAILABLE =
	'The answer could not be loaded: check your connection, then press Show answer again.';

/** One study session over a deck: the queue, the current card, rating and undo. */
export class StudySession {
	queue = $state.raw<QueueEntry<Card>[]>([]);
	done = $state(0);
	revealed = $state(false);
	loaded = $state(false);
	/** A rating or undo has been committing for over {@link BUSY_AFTER_MS}: the page says so. */
	busy = $state(false);
	undoStack = $state.raw<ReviewLogEntry[]>([]);
	announcement = $state('');
	nextDueAfter = $state<number | null>(null);
	shownAt = 0;
	readonly current = $derived(this.queue[0]);
	intervals = $state.raw<Record<Grade, string> | null>(null);
	/** In exam mode, the deck's exam (null when it has none); always null otherwise. */
	exam = $state.raw<ExamTiming | null>(null);
	desiredRetention = $state(0.9);
	/**
	 * The scheduler, the undo and the answer's components ({@link AfterCard}): imported by
	 * {@link prepare} once the first card is painted; a reveal or an undo before they arrive waits
	 * for them. Until then the queue and the card need none of it.
	 */
	readonly later: LazyModule<AfterCard>;
	/** `later`'s last import failed: the page says so ({@link UNAVAILABLE}) until one succeeds. */
	get unavailable(): boolean {
		return this.later.failed;
	}

	#cards: Card[];
	#deckId: string;
	#mode: SessionMode;
	#env: SessionEnv;
	#storage: StorageConnection;
	#db: MeridianDB | null = null;
	#settings: StudySettings | null = null;
	#scheduler: Scheduler | null = null;
	#dayEnd = 0;
	/** A rating or undo is committing. Plain, not state: setting it re-renders nothing. */
	#committing = false;

	constructor(
		deck: { id: string; cards: Card[] },
		mode: SessionMode = 'today',
		env: SessionEnv = browserEnv,
		connection: StorageConnection = storage,
		later: LazyModule<AfterCard> = new LazyModule(() => import('./after-card'))
	) {
		this.later = later;
		this.#storage = connection;
		this.#cards = deck.cards;
		this.#deckId = deck.id;
		this.#mode = mode;
		this.#env = env;
	}

	get mode(): SessionMode {
		return this.#mode;
	}

	/**
	 * Loads the queue from IndexedDB: what is due today, then new cards up to today's limit; in
	 * exam mode, the cards predicted below the desired retention at the exam (none once past).
	 */
	async load(): Promise<void> {
		try {
			const db = (this.#db = await this.#storage.open());
			const settings = (this.#settings = await this.#storage.settings());
			const now = this.#env.now();
			const day = studyDay(now, settings.dayStartHour);
			this.#dayEnd = day.end;
			this.desiredRetention = settings.desiredRetention;
			if (this.#mode === 'exam') {
				this.queue = await withoutHidden(
					db,
					await this.#loadExamQueue(db, settings, now, day),
					now
				);
			} else {
				const deck = { id: this.#deckId, cards: this.#cards };
				const source = await loadQueue(db, settings, deck, this.#mode, now, day);
				this.queue = source.queue;
				this.nextDueAfter = source.nextDueAfter;
			}
			const inDeck = (cardId: string) => this.#cards.some((c) => c.id === cardId);
			this.undoStack = (await recentStudyReviews(db, day.start)).filter((l) => inDeck(l.cardId));
			this.revealed = false;
			this.shownAt = now;
		} catch (error) {
			this.#storage.report(error);
		} finally {
			this.loaded = true;
		}
	}

	async #loadExamQueue(
		db: MeridianDB,
		settings: StudySettings,
		now: number,
		day: { start: number; end: number }
	): Promise<QueueEntry<Card>[]> {
		const date = settings.examDates[this.#deckId];
		const exam = (this.exam = date ? examTiming(date, now, settings.dayStartHour) : null);
		if (!exam || exam.status === 'past') return [];
		// The exam queue predicts recall with ts-fsrs: this mode loads `later` before its card.
		const [states, later] = await Promise.all([
			loadCardStates(
				db,
				this.#cards.map((c) => c.id)
			),
			this.#later()
		]);
		if (!later) return [];
		return later.examQueue(this.#cards, states, {
			at: exam.at,
			target: settings.desiredRetention,
			dayStart: day.start,
			dayEnd: day.end
		});
	}

	/**
	 * Starts importing {@link later} (once): the page calls it once its first card is painted, so
	 * that the scheduler and the answer are there before the student reveals it.
	 */
	prepare(): Promise<void> {
		return this.#later().then(() => undefined);
	}

	/** `later`, loaded; null (and the page says so) if it cannot be. */
	async #later(): Promise<AfterCard | null> {
		if (!this.later.module) await this.later.load();
		const later = this.later.module ?? null;
		if (later && this.#settings) this.#scheduler ??= later.createScheduler(this.#settings);
		return later;
	}

	/**
	 * Shows the answer and the rating buttons' intervals: at once when `later` is in (as it is,
	 * but on a very fast reveal or a slow network), else once it arrives.
	 */
	async reveal(): Promise<void> {
		if (!this.current || this.revealed || !this.#settings) return;
		if (!this.#scheduler) {
			await this.#later();
			if (!this.current || this.revealed || !this.#scheduler) {
				if (this.unavailable) this.announcement = UNAVAILABLE;
				return;
			}
		}
		const later = this.later.module;
		if (!later) return;
		this.intervals = later.previewIntervals(this.#scheduler, this.current.state, this.#env.now());
		this.revealed = true;
		this.announcement = `Answer: ${this.current.card.answer}`;
	}

	/** Rates the current card; the next card shows only once the review is committed. */
	async rate(rating: Grade): Promise<void> {
		const [entry, db, settings, later] = [
			this.current,
			this.#db,
			this.#settings,
			this.later.module
		];
		// `later` is in: the card was revealed.
		if (!entry || !this.revealed || this.#committing || !db || !settings || !later) return;
		const done = this.#commitStarted();
		try {
			const now = this.#env.now();
			const { state, log } = await timed('review-commit', () =>
				later.recordReview(db, settings, {
					logId: this.#env.newId(),
					cardId: entry.card.id,
					rating,
					now,
					source: 'study',
					durationMs: now - this.shownAt
				})
			);
			const reviewed = { card: entry.card, state };
			const rest =
				this.#mode === 'exam'
					? examRequeue(this.queue.slice(1), reviewed, this.#dayEnd)
					: requeue(this.queue.slice(1), reviewed, now, this.#dayEnd);
			this.queue = rest;
			this.done++;
			this.undoStack = [log, ...this.undoStack];
			this.revealed = false;
			this.shownAt = now;
			this.announcement = rest.length > 0 ? `Next card. ${rest.length} left.` : 'Session complete.';
			if (this.done === 1) void this.#storage.persist().catch(() => undefined);
		} catch (error) {
			this.#storage.report(error);
		} finally {
			done();
		}
	}

	/**
	 * Marks a commit as started: later ratings and undos are ignored until it ends, and `busy`
	 * shows only if it takes over {@link BUSY_AFTER_MS}. Returns the function that ends it.
	 */
	#commitStarted(): () => void {
		this.#committing = true;
		const timer = this.#env.setTimeout(() => (this.busy = true), BUSY_AFTER_MS);
		return () => {
			this.#env.clearTimeout(timer);
			this.#committing = false;
			if (this.busy) this.busy = false;
		};
	}

	/** Undoes the last review: the card comes back with its exact previous state. */
	async undo(): Promise<void> {
		const last = this.undoStack[0];
		if (!last || this.#committing || !this.#db) return;
		let later = this.later.module;
		if (!later) {
			// An undo before `later` arrived (the last session's review, as the page opens).
			later = (await this.#later()) ?? undefined;
			if (!later) {
				this.announcement = 'The review could not be undone: check your connection.';
				return;
			}
			if (this.undoStack[0] !== last || this.#committing) return;
		}
		const done = this.#commitStarted();
		try {
			const result = await later.undoReview(this.#db, last.id);
			this.undoStack = this.undoStack.slice(1);
			const card = this.#cards.find((c) => c.id === last.cardId);
			if (result.undone && card) {
				const rest = this.queue.filter((e) => e.card.id !== card.id);
				this.queue = [{ card, state: result.undone.previous }, ...rest];
				this.done = Math.max(0, this.done - 1);
				this.revealed = false;
				this.shownAt = this.#env.now();
				this.announcement = 'Review undone.';
			} else {
				this.announcement = 'That review cannot be undone: the card was reviewed again since.';
			}
		} catch (error) {
			this.#storage.report(error);
		} finally {
			done();
		}
	}
}
