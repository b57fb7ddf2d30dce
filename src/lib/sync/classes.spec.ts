import { describe, expect, it, vi } from 'vitest';
import type { ClassMe, JoinResult, ProgressBody } from '$lib/api';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import {
	getMembership,
	newMembership,
	saveMembership,
	type StudentClass
} from '$lib/storage/classes';
import { openMeridianDB, type MeridianDB } from '$lib/storage/db';
import { outboxItems } from '$lib/storage/outbox';
import { recordReview, undoReview } from '$lib/storage/reviews';
import { joinItemId, newMemberKey, queueJoin } from './class-join';
import { refreshOverview } from './class-overview';
import { progressItemId, queueClassProgress } from './class-progress';
import { flushOutbox } from './outbox';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const KEY = 'M'.repeat(43);
const CLASS = { code: 'CKS2345', name: 'Eurasia 101', hasRoster: true, createdAt: '2026-01-01' };

interface Call {
	url: string;
	method: string;
	auth: string | null;
	body: unknown;
}

/** A fake server: answers each request with the next of `answers` (an Error: offline). */
function fakeServer(answers: (((call: Call) => Response) | Error)[]) {
	const calls: Call[] = [];
	const send = (async (url: string, init: RequestInit = {}) => {
		const headers = new Headers(init.headers);
		const call: Call = {
			url,
			method: init.method ?? 'GET',
			auth: headers.get('authorization'),
			body: init.body ? JSON.parse(String(init.body)) : null
		};
		calls.push(call);
		const next = answers.shift();
		if (!next || next instanceof Error) throw next ?? new TypeError('Failed to fetch');
		return next(call);
	}) as typeof fetch;
	return { send, calls };
}

const json = (status: number, body: unknown) => () =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const MEMBER: ClassMe['member'] = {
	studentId: 'student-0001',
	name: 'Ann Lee',
	studentNumber: 'S-1',
	rosterId: 'r1',
	status: 'matched',
	joinedAt: '2026-01-05T09:00:00.000Z',
	timeMultiplier: 1.5
};
const joined = (memberKey = KEY): JoinResult => ({
	status: 'joined',
	class: CLASS,
	memberKey,
	member: MEMBER
});

const member = (overrides: Partial<StudentClass> = {}): StudentClass => ({
	...newMembership({
		code: CLASS.code,
		studentId: 'student-0001',
		name: 'Ann Lee',
		studentNumber: 'S-1',
		joinedAt: MOCK_NOW,
		memberKey: KEY
	}),
	...overrides
});

function overview(cards: string[], extra: Partial<ClassMe['assignments'][number]> = {}): ClassMe {
	const base = {
		code: 'REV2345',
		title: 'Review the SCO',
		deckId: 'sco',
		deckTitle: 'SCO',
		mode: 'review' as const,
		questionIds: cards,
		passMark: 0.7,
		dueAt: '2026-01-10T17:00:00.000Z',
		assignmentDueAt: '2026-01-10T17:00:00.000Z',
		extendedTo: null,
		instructions: '',
		createdAt: '2026-01-02T00:00:00.000Z',
		maxAttempts: null,
		counts: 'latest' as const,
		classCode: CLASS.code,
		closed: false,
		timeLimitMinutes: null,
		effectiveTimeLimitMinutes: null,
		shuffle: false,
		results: [],
		cardsStudied: 0
	};
	return { class: CLASS, member: MEMBER, assignments: [{ ...base, ...extra }] };
}

const review = (db: MeridianDB, cardId: string, logId: string, now: number) =>
	recordReview(db, DEFAULT_SETTINGS, { logId, cardId, rating: Rating.Good, now, source: 'study' });

describe('joining a class', () => {
	it('saves the membership pending, sends the join and stores what the server answered', async () => {
		const db = await openMeridianDB();
		await queueJoin(db, member(), MOCK_NOW);
		expect(await getMembership(db, CLASS.code)).toMatchObject({ sync: 'pending' });
		const { send, calls } = fakeServer([json(201, joined())]);
		expect(await flushOutbox(db, send, MOCK_NOW)).toEqual({ sent: 1, failed: 0 });
		expect(calls).toEqual([
			{
				url: '/api/classes/CKS2345/members',
				method: 'POST',
				auth: null,
				body: { studentId: 'student-0001', name: 'Ann Lee', studentNumber: 'S-1', memberKey: KEY }
			}
		]);
		expect(await getMembership(db, CLASS.code)).toMatchObject({
			sync: 'joined',
			className: 'Eurasia 101',
			memberKey: KEY,
			problem: null
		});
	});

	it('offline, keeps it pending and retries until the server answers', async () => {
		const db = await openMeridianDB();
		await queueJoin(db, member(), MOCK_NOW);
		const { send } = fakeServer([new TypeError('Failed to fetch'), json(200, joined())]);
		await flushOutbox(db, send, MOCK_NOW);
		expect(await getMembership(db, CLASS.code)).toMatchObject({ sync: 'pending' });
		expect((await outboxItems(db))[0]).toMatchObject({ status: 'waiting', attempts: 1 });
		await flushOutbox(db, send, MOCK_NOW + 5_000);
		expect(await getMembership(db, CLASS.code)).toMatchObject({ sync: 'joined' });
	});

	it('asks to confirm a near match, then sends the choice', async () => {
		const db = await openMeridianDB();
		await queueJoin(db, member({ name: 'Anne Lee' }), MOCK_NOW);
		const candidates = [{ rosterId: 'r1', name: 'Ann Lee' }];
		const { send, calls } = fakeServer([
			json(200, { status: 'confirm', candidates }),
			json(201, joined())
		]);
		await flushOutbox(db, send, MOCK_NOW);
		const asked = await getMembership(db, CLASS.code);
		expect(asked).toMatchObject({ sync: 'confirm', candidates });
		await queueJoin(db, asked!, MOCK_NOW + 1000, 'r1');
		expect(await getMembership(db, CLASS.code)).toMatchObject({ sync: 'pending', candidates: [] });
		await flushOutbox(db, send, MOCK_NOW + 1000);
		expect(calls[1]?.body).toMatchObject({ confirmRosterId: 'r1', memberKey: KEY });
		expect(await getMembership(db, CLASS.code)).toMatchObject({ sync: 'joined' });
		expect((await outboxItems(db)).map((i) => [i.id, i.status])).toEqual([
			[joinItemId(CLASS.code), 'sent']
		]);
	});

	it('keeps a refusal with the server’s reason', async () => {
		const db = await openMeridianDB();
		await queueJoin(db, member(), MOCK_NOW);
		const { send } = fakeServer([json(404, { error: 'code: no class with this code' })]);
		await flushOutbox(db, send, MOCK_NOW);
		expect(await getMembership(db, CLASS.code)).toMatchObject({
			sync: 'refused',
			problem: 'code: no class with this code'
		});
	});

	it('ignores the answer to a join asked again while it was on its way', async () => {
		const db = await openMeridianDB();
		await queueJoin(db, member(), MOCK_NOW);
		const { send } = fakeServer([
			async () => {
				await queueJoin(db, member({ name: 'Ann B. Lee' }), MOCK_NOW);
				return json(404, { error: 'gone' })();
			}
		] as never);
		await flushOutbox(db, send, MOCK_NOW);
		expect(await getMembership(db, CLASS.code)).toMatchObject({
			sync: 'pending',
			name: 'Ann B. Lee'
		});
		expect((await outboxItems(db))[0]).toMatchObject({ status: 'waiting', revision: 2 });
	});

	it('makes member keys of 43 base64url characters', () => {
		let n = 0;
		const key = newMemberKey((bytes) => bytes.map(() => (n += 37) % 256));
		expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});
});

describe('the class overview', () => {
	it('is fetched with the member key and kept for offline use', async () => {
		const db = await openMeridianDB();
		await saveMembership(db, member({ sync: 'joined' }));
		const { send, calls } = fakeServer([json(200, overview(['a', 'b']))]);
		const row = await refreshOverview(db, (await getMembership(db, CLASS.code))!, send, MOCK_NOW);
		expect(calls[0]).toMatchObject({
			url: '/api/classes/CKS2345/me?studentId=student-0001',
			auth: `Bearer ${KEY}`
		});
		expect(row.overview?.assignments[0]).toMatchObject({ code: 'REV2345', closed: false });
		expect(await getMembership(db, CLASS.code)).toEqual(row);
		// An answer that is not an overview leaves the one kept.
		const bad = fakeServer([json(200, { class: CLASS })]);
		await expect(refreshOverview(db, row, bad.send, MOCK_NOW + 1)).rejects.toThrow(/read/);
		expect(await getMembership(db, CLASS.code)).toEqual(row);
	});
});

describe('review progress', () => {
	async function joinedWithReview(cards: string[], extra = {}) {
		const db = await openMeridianDB();
		await saveMembership(db, member({ sync: 'joined' }));
		const { send } = fakeServer([json(200, overview(cards, extra))]);
		await refreshOverview(db, (await getMembership(db, CLASS.code))!, send, MOCK_NOW);
		return db;
	}

	it('queues only the assignment’s cards studied since joining, once, and sends them', async () => {
		const db = await joinedWithReview(['a', 'b', 'c']);
		await review(db, 'a', 'before', MOCK_NOW - 60_000);
		await review(db, 'b', 'l1', MOCK_NOW + 1000);
		await review(db, 'b', 'l2', MOCK_NOW + 2000);
		await review(db, 'other', 'l3', MOCK_NOW + 3000);
		expect(await queueClassProgress(db, MOCK_NOW + 4000)).toBe(1);
		expect(await queueClassProgress(db, MOCK_NOW + 4000)).toBe(0);
		const [item] = (await outboxItems(db)).filter((i) => i.kind === 'progress');
		expect(item).toMatchObject({ id: progressItemId('REV2345'), code: 'REV2345', key: KEY });
		const body = item!.body as ProgressBody;
		expect(body.studentId).toBe('student-0001');
		expect(body.cards.map((c) => [c.cardId, c.reps, c.lastReview])).toEqual([
			['b', 2, MOCK_NOW + 2000]
		]);
		const { send, calls } = fakeServer([json(200, { stored: 1, unchanged: 0 })]);
		await flushOutbox(db, send, MOCK_NOW + 5000);
		expect(calls[0]).toMatchObject({
			url: '/api/assignments/REV2345/progress',
			method: 'POST',
			auth: `Bearer ${KEY}`
		});
		expect((await outboxItems(db)).find((i) => i.kind === 'progress')?.status).toBe('sent');
		// Studied again later: a new report with that card only.
		await review(db, 'c', 'l4', MOCK_NOW + 6000);
		expect(await queueClassProgress(db, MOCK_NOW + 7000)).toBe(1);
		const next = (await outboxItems(db)).find((i) => i.kind === 'progress');
		expect(next).toMatchObject({ status: 'waiting', attempts: 0 });
		expect((next!.body as ProgressBody).cards.map((c) => c.cardId)).toEqual(['c']);
	});

	it('takes no write transaction while no class has an open review assignment', async () => {
		/** The modes of the transactions `queueClassProgress` starts on `db`. */
		async function modes(db: MeridianDB): Promise<IDBTransactionMode[]> {
			const seen: IDBTransactionMode[] = [];
			const original = db.transaction.bind(db);
			const spy = vi.spyOn(db, 'transaction').mockImplementation(((
				...args: Parameters<typeof original>
			) => {
				const tx = original(...args);
				seen.push(tx.mode);
				return tx;
			}) as typeof db.transaction);
			await queueClassProgress(db, MOCK_NOW + 4000);
			spy.mockRestore();
			return seen;
		}
		const none = await openMeridianDB();
		await review(none, 'a', 'l1', MOCK_NOW + 1000);
		expect(await modes(none)).toEqual(['readonly']);
		none.close();
		const closed = await joinedWithReview(['a'], { closed: true });
		await review(closed, 'a', 'l1', MOCK_NOW + 1000);
		expect(await modes(closed)).toEqual(['readonly']);
		closed.close();
		const quiz = await joinedWithReview(['a'], { mode: 'quiz' });
		await review(quiz, 'a', 'l1', MOCK_NOW + 1000);
		expect(await modes(quiz)).toEqual(['readonly']);
		quiz.close();
		// An open review assignment: the look, then the write that queues the card.
		const open = await joinedWithReview(['a']);
		await review(open, 'a', 'l1', MOCK_NOW + 1000);
		expect(await modes(open)).toEqual(['readonly', 'readwrite']);
		expect((await outboxItems(open)).filter((i) => i.kind === 'progress')).toHaveLength(1);
	});

	it('coalesces reviews while unsent: one item, one state per card', async () => {
		const db = await joinedWithReview(['a', 'b']);
		const offline = fakeServer([new TypeError('Failed to fetch')]);
		await review(db, 'a', 'l1', MOCK_NOW + 1000);
		await queueClassProgress(db, MOCK_NOW + 1000);
		await flushOutbox(db, offline.send, MOCK_NOW + 1000);
		await review(db, 'a', 'l2', MOCK_NOW + 2000);
		await review(db, 'b', 'l3', MOCK_NOW + 3000);
		await queueClassProgress(db, MOCK_NOW + 3000);
		const items = (await outboxItems(db)).filter((i) => i.kind === 'progress');
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ status: 'waiting', attempts: 1 });
		const cards = (items[0]!.body as ProgressBody).cards;
		expect(cards.map((c) => [c.cardId, c.lastReview])).toEqual([
			['a', MOCK_NOW + 2000],
			['b', MOCK_NOW + 3000]
		]);
	});

	it('keeps the cards studied while a report was on its way', async () => {
		const db = await joinedWithReview(['a', 'b']);
		await review(db, 'a', 'l1', MOCK_NOW + 1000);
		await queueClassProgress(db, MOCK_NOW + 1000);
		const { send } = fakeServer([
			async () => {
				await review(db, 'b', 'l2', MOCK_NOW + 2000);
				await queueClassProgress(db, MOCK_NOW + 2000);
				return json(200, { stored: 1, unchanged: 0 })();
			}
		] as never);
		await flushOutbox(db, send, MOCK_NOW + 1500);
		const item = (await outboxItems(db)).find((i) => i.kind === 'progress');
		expect(item).toMatchObject({ status: 'waiting' });
		expect((item!.body as ProgressBody).cards.map((c) => c.cardId)).toEqual(['b']);
	});

	it('sends an undone review’s earlier state, and nothing for closed or quiz assignments', async () => {
		const db = await joinedWithReview(['a']);
		await review(db, 'a', 'l1', MOCK_NOW + 1000);
		await review(db, 'a', 'l2', MOCK_NOW + 2000);
		expect(await queueClassProgress(db, MOCK_NOW + 2000)).toBe(1);
		await undoReview(db, 'l2');
		expect(await queueClassProgress(db, MOCK_NOW + 3000)).toBe(1);
		const cards = ((await outboxItems(db))[0]!.body as ProgressBody).cards;
		expect(cards.map((c) => c.lastReview)).toEqual([MOCK_NOW + 1000]);

		for (const extra of [{ closed: true }, { mode: 'quiz' }]) {
			indexedDB.deleteDatabase('meridian');
			db.close();
			const other = await joinedWithReview(['a'], extra);
			await review(other, 'a', 'l1', MOCK_NOW + 1000);
			expect(await queueClassProgress(other, MOCK_NOW + 2000)).toBe(0);
			other.close();
		}
	});

	it('retries a failed report with backoff, keeps a refused one and sends its cards again', async () => {
		const db = await joinedWithReview(['a', 'b']);
		await review(db, 'a', 'l1', MOCK_NOW + 1000);
		await queueClassProgress(db, MOCK_NOW + 1000);
		const progress = async () => (await outboxItems(db)).find((i) => i.kind === 'progress')!;
		const { send, calls } = fakeServer([
			new TypeError('Failed to fetch'),
			json(503, { error: 'storage full' }),
			json(429, { error: 'slow down' }),
			json(401, { error: 'authorization: no member of this class with this student id and key' }),
			json(200, { stored: 2, unchanged: 0 })
		]);
		// Offline, then a 5xx, then a rate limit: kept waiting, each try later than the one before.
		await flushOutbox(db, send, MOCK_NOW + 1000);
		expect(await progress()).toMatchObject({ status: 'waiting', attempts: 1 });
		expect((await progress()).nextTryAt).toBe(MOCK_NOW + 1000 + 5000);
		await flushOutbox(db, send, MOCK_NOW + 2000); // not due yet: nothing sent
		expect(calls).toHaveLength(1);
		await flushOutbox(db, send, MOCK_NOW + 6000);
		expect(await progress()).toMatchObject({ status: 'waiting', attempts: 2 });
		expect((await progress()).nextTryAt).toBe(MOCK_NOW + 6000 + 10_000);
		await flushOutbox(db, send, MOCK_NOW + 16_000);
		expect(await progress()).toMatchObject({ status: 'waiting', attempts: 3 });
		// A 4xx will not change on a retry: kept, with the server's reason, not dropped.
		await flushOutbox(db, send, MOCK_NOW + 36_000);
		expect(await progress()).toMatchObject({
			status: 'rejected',
			lastError: expect.stringContaining('no member of this class') as unknown
		});
		expect(((await progress()).body as ProgressBody).cards.map((c) => c.cardId)).toEqual(['a']);
		// Nothing new studied: it stays refused, and a flush does not send it again.
		expect(await queueClassProgress(db, MOCK_NOW + 40_000)).toBe(0);
		await flushOutbox(db, send, MOCK_NOW + 40_000);
		expect(calls).toHaveLength(4);
		// Studied again: the refused card goes out again with the new one (it was lost before).
		await review(db, 'b', 'l2', MOCK_NOW + 50_000);
		expect(await queueClassProgress(db, MOCK_NOW + 50_000)).toBe(1);
		expect(await progress()).toMatchObject({ status: 'waiting', attempts: 0 });
		await flushOutbox(db, send, MOCK_NOW + 50_000);
		expect((calls[4]!.body as ProgressBody).cards.map((c) => c.cardId)).toEqual(['a', 'b']);
		expect(await progress()).toMatchObject({ status: 'sent', result: { stored: 2 } });
	});

	it('sends a large report in batches the server takes', async () => {
		const ids = Array.from({ length: 301 }, (_, i) => `card-${i}`);
		const db = await joinedWithReview(ids);
		for (const [i, id] of ids.entries()) await review(db, id, `l${i}`, MOCK_NOW + 1000 + i);
		expect(await queueClassProgress(db, MOCK_NOW + 10_000)).toBe(301);
		const { send, calls } = fakeServer([
			json(200, { stored: 300, unchanged: 0 }),
			json(200, { stored: 1, unchanged: 0 })
		]);
		await flushOutbox(db, send, MOCK_NOW + 10_000);
		expect(calls.map((c) => (c.body as ProgressBody).cards.length)).toEqual([300, 1]);
		expect((await outboxItems(db))[0]).toMatchObject({
			status: 'sent',
			result: { stored: 301, unchanged: 0 }
		});
	});
});
