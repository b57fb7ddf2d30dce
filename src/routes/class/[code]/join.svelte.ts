import { ApiResponseError, getClass, isClassCode, type ClassPublic } from '$lib/api';
import { studentId } from '$lib/storage/assignments';
import { newMembership, type StudentClass } from '$lib/storage/classes';
import { storage, type StorageConnection } from '$lib/storage/connection.svelte';
import { newMemberKey, queueJoin } from '$lib/sync/class-join';
import { outbox } from '$lib/sync/sync.svelte';

/** What the page shows: the form, the near-match question, or where the membership stands. */
export type JoinPhase = 'loading' | 'invalid' | 'unknown' | 'form' | StudentClass['sync'];

/**
 * Joining one class: what the server says of the class (when online), the membership this device
 * has (joining twice changes nothing), the join itself (saved and queued first, so it works
 * offline) and the answer to "are you X on the class list?".
 */
export class ClassJoin {
	readonly code: string;
	info = $state.raw<ClassPublic | null>(null);
	/** The class could not be asked about (offline): joining still works, sent later. */
	offline = $state(false);
	/** This device's membership of the class, as the outbox last read it (it changes on sync). */
	readonly membership = $derived(outbox.memberships.find((m) => m.code === this.code) ?? null);
	/** A failure to show (storage). */
	problem = $state('');
	busy = $state(false);
	/** The form is shown again over a refused or pending membership (to correct the name). */
	editing = $state(false);
	#unknown = $state(false);
	#loaded = $state(false);
	#storage: StorageConnection;

	readonly phase: JoinPhase = $derived.by(() => {
		if (!isClassCode(this.code)) return 'invalid';
		if (!this.#loaded) return 'loading';
		if (this.membership && !this.editing) return this.membership.sync;
		if (this.#unknown) return 'unknown';
		return 'form';
	});
	readonly className = $derived(this.membership?.className || this.info?.name || '');

	constructor(code: string, connection: StorageConnection = storage) {
		this.code = code.toUpperCase();
		this.#storage = connection;
	}

	async load(): Promise<void> {
		if (!isClassCode(this.code)) return;
		try {
			await this.#storage.open();
			await outbox.flush();
			// Once joined, nothing more to ask the server here.
			if (this.membership?.sync !== 'joined') await this.#ask();
		} catch (error) {
			this.problem = this.#storage.report(error).message;
		} finally {
			this.#loaded = true;
		}
	}

	async #ask(): Promise<void> {
		if (!navigator.onLine) {
			this.offline = true;
			return;
		}
		try {
			this.info = await getClass(this.code);
		} catch (error) {
			if (error instanceof ApiResponseError && error.status === 404) this.#unknown = true;
			else this.offline = true;
		}
	}

	/**
	 * Joins: saves the membership as pending with its join queued, then sends it when online.
	 * Resolves with the membership as it stands (joined, to confirm, refused, or still pending).
	 */
	async join(name: string, studentNumber: string): Promise<void> {
		await this.#send(async (db, now) => {
			const before = this.membership;
			const row = newMembership({
				code: this.code,
				studentId: before?.studentId ?? (await studentId(db, () => crypto.randomUUID())),
				name: name.trim(),
				studentNumber: studentNumber.trim(),
				joinedAt: before?.joinedAt ?? now,
				className: this.className,
				memberKey: before?.memberKey ?? newMemberKey((b) => crypto.getRandomValues(b))
			});
			return queueJoin(db, row, now);
		});
	}

	/** Answers the near-match question: the roster entry chosen, or null for "none of these". */
	async confirm(rosterId: string | null): Promise<void> {
		const row = this.membership;
		if (!row) return;
		await this.#send((db, now) => queueJoin(db, row, now, rosterId));
	}

	async #send(
		queue: (
			db: Awaited<ReturnType<StorageConnection['open']>>,
			now: number
		) => Promise<StudentClass>
	): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		try {
			const db = await this.#storage.open();
			await queue(db, Date.now());
			this.editing = false;
			// Sends it when online; offline it reads the membership back, pending.
			await outbox.flush();
		} catch (error) {
			this.problem = this.#storage.report(error).message;
		} finally {
			this.busy = false;
		}
	}
}
