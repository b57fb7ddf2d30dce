import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { openMeridianDB, type MeridianDB } from './db';
import { StorageError } from './errors';
import {
	getAcrossKeys,
	getByKeys,
	loadCardStates,
	loadCardStatesAcross,
	readTogether,
	type KeyedStore
} from './study-data';
import { recordReview } from './reviews';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Studies each card once (Good), so each has a stored state. */
const studyOnce = (db: MeridianDB, cardIds: string[]) =>
	Promise.all(
		cardIds.map((cardId, i) =>
			recordReview(db, DEFAULT_SETTINGS, {
				logId: `log-${i}`,
				cardId,
				rating: Rating.Good,
				now: MOCK_NOW,
				source: 'study'
			})
		)
	);

describe('loadCardStates', () => {
	it('reads the stored states of the asked cards only, by id', async () => {
		const db = await openMeridianDB();
		const studied = await studyOnce(db, ['card-1', 'card-2', 'retired']);
		const states = await loadCardStates(db, ['card-1', 'card-2', 'never-studied']);
		expect([...states.keys()].sort()).toEqual(['card-1', 'card-2']);
		expect(states.get('card-1')).toEqual(studied[0]?.state);
	});

	it('is empty for a new student', async () => {
		const db = await openMeridianDB();
		expect((await loadCardStates(db, ['card-1'])).size).toBe(0);
	});
});

describe('getByKeys', () => {
	/** A sorted in-memory store of string keys that counts the requests made of it. */
	function store(keys: string[]) {
		const rows = [...keys].sort().map((key) => ({ key }));
		const requests: string[] = [];
		const within = (range: IDBKeyRange) => rows.filter((row) => range.includes(row.key));
		const keyed: KeyedStore<{ key: string }> = {
			getAllKeys: async (range) => (requests.push('keys'), within(range).map((r) => r.key)),
			getAll: async (range) => (requests.push(`${range.lower}..${range.upper}`), within(range))
		};
		return { keyed, requests };
	}

	it('reads exactly the asked rows stored, whatever is stored around and between them', async () => {
		const { keyed, requests } = store(['a-1', 'a-2', 'a-2-retired', 'a-3', 'b-1', 'z-9', '0-x']);
		const rows = await getByKeys(keyed, ['a-3', 'a-1', 'a-2', 'b-1', 'never', 'a-1']);
		expect(rows.map((r) => r.key)).toEqual(['a-1', 'a-2', 'a-3', 'b-1']);
		// The keys between 'a-1' and 'never', then one read per run of asked keys ('a-2-retired' and
		// nothing else splits them): never a row not asked for, never one request per key.
		expect(requests).toEqual(['keys', 'a-1..a-2', 'a-3..b-1']);
	});

	it('makes no request for no keys and reads nothing when none is stored', async () => {
		const empty = store(['x']);
		expect(await getByKeys(empty.keyed, [])).toEqual([]);
		expect(empty.requests).toEqual([]);
		expect(await getByKeys(empty.keyed, ['a', 'b'])).toEqual([]);
		expect(empty.requests).toEqual(['keys']);
	});

	it('matches a get per key on random stores and asks', async () => {
		const db = await openMeridianDB();
		let seed = 7;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		const ids = Array.from({ length: 60 }, (_, i) => `card-${String(i).padStart(2, '0')}`);
		await studyOnce(
			db,
			ids.filter(() => random() < 0.6)
		);
		for (let round = 0; round < 20; round++) {
			const asked = ids.filter(() => random() < 0.4);
			const tx = db.transaction('cardStates');
			const [many, one] = await Promise.all([
				getByKeys(tx.store, asked),
				Promise.all(asked.map((id) => tx.store.get(id)))
			]);
			expect(many).toEqual(one.filter((s) => s !== undefined));
		}
	});
});

describe('getAcrossKeys', () => {
	/** A sorted in-memory store of string keys that counts the requests made of it. */
	function store(keys: string[]) {
		const rows = [...keys].sort().map((key) => ({ key }));
		const requests: string[] = [];
		const keyed: Pick<KeyedStore<{ key: string }>, 'getAll'> = {
			getAll: async (range) => (
				requests.push(`${range.lower}..${range.upper}`),
				rows.filter((row) => range.includes(row.key))
			)
		};
		return { keyed, requests };
	}
	const key = (row: { key: string }) => row.key;

	it('reads the asked rows stored in one request, dropping those stored between them', async () => {
		const { keyed, requests } = store(['a-1', 'a-2', 'a-2-retired', 'a-3', 'b-1', 'z-9', '0-x']);
		const rows = await getAcrossKeys(keyed, ['a-3', 'a-1', 'a-2', 'b-1', 'never', 'a-1'], key);
		expect(rows.map((r) => r.key)).toEqual(['a-1', 'a-2', 'a-3', 'b-1']);
		expect(requests).toEqual(['a-1..never']);
	});

	it('makes no request for no keys', async () => {
		const empty = store(['x']);
		expect(await getAcrossKeys(empty.keyed, [], key)).toEqual([]);
		expect(empty.requests).toEqual([]);
		expect(await getAcrossKeys(empty.keyed, ['a', 'b'], key)).toEqual([]);
		expect(empty.requests).toEqual(['a..b']);
	});

	it('matches a get per key on random stores and asks, states unreadable or not', async () => {
		const db = await openMeridianDB();
		let seed = 11;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		const ids = Array.from({ length: 60 }, (_, i) => `card-${String(i).padStart(2, '0')}`);
		const studied = ids.filter(() => random() < 0.6);
		await studyOnce(db, studied);
		const broken = (await db.get('cardStates', studied[0]!))!;
		await db.put('cardStates', { ...broken, stability: -1 });
		for (let round = 0; round < 20; round++) {
			const asked = ids.filter(() => random() < 0.4);
			const tx = db.transaction('cardStates');
			const [across, one] = await Promise.all([
				loadCardStatesAcross(tx.store, asked),
				Promise.all(asked.map((id) => tx.store.get(id)))
			]);
			const readable = one.filter((s) => s !== undefined && s.stability >= 0);
			expect([...across.values()]).toEqual(readable);
		}
	});
});

describe('readTogether', () => {
	it('resolves with the reads once they are answered, and a failed read as a StorageError', async () => {
		const db = await openMeridianDB();
		await studyOnce(db, ['card-1']);
		const [state, missing] = await readTogether(db, ['cardStates'], (tx) =>
			Promise.all([tx.store.get('card-1'), tx.store.get('none')])
		);
		expect(state?.cardId).toBe('card-1');
		expect(missing).toBeUndefined();
		// A key IndexedDB cannot take fails the request, and the read with it.
		const failed = readTogether(db, ['cardStates'], (tx) => tx.store.get({} as string));
		await expect(failed).rejects.toBeInstanceOf(StorageError);
		await expect(readTogether(db, ['nope' as 'cardStates'], async () => 1)).rejects.toBeInstanceOf(
			StorageError
		);
	});
});
