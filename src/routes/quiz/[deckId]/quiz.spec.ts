import { describe, expect, it } from 'vitest';
import type { Deck } from '$lib/decks/types';
import { mcqCard, trueFalseCard, typedCard } from '$lib/quiz/fixtures';
import { StorageConnection } from '$lib/storage/connection.svelte';
import { QuizRun } from './quiz.svelte';

const MOCK_NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const deck: Deck = {
	id: 'history',
	title: 'History',
	description: '',
	kind: 'section',
	hash: 'h',
	cards: [
		mcqCard(['Moscow', 'Kyiv', 'Minsk'], 'q-a'),
		trueFalseCard(true, 'q-b'),
		typedCard('Fyodor Baykov', [], 'q-c')
	]
};
const RIGHT = { kind: 'choice', option: 'Moscow' } as const;
const WRONG = { kind: 'truefalse', value: false } as const;

/** A quiz on its own connection (a page load), with a clock the test moves. */
function quiz(clock = { now: MOCK_NOW }) {
	let n = 0;
	const connection = new StorageConnection();
	const env = { now: () => clock.now, newId: () => `id-${clock.now}-${++n}`, newSeed: () => 7 };
	return { run: new QuizRun(deck, null, env, connection), connection };
}

async function started(feedback: 'immediate' | 'end' = 'end') {
	const { run, connection } = quiz();
	await run.load();
	await run.start('all', feedback, ['q-a', 'q-b']);
	return { run, db: await connection.open(), connection };
}

describe('QuizRun', () => {
	it('shows an answer’s grade with immediate feedback, stores it, then moves on', async () => {
		const { run, db } = await started('immediate');
		expect(run.phase).toBe('question');
		await run.answer(RIGHT);
		expect(run.feedback?.correct).toBe(true);
		expect(run.current?.id).toBe('q-a');
		expect((await db.get('quizAttempts', run.attempt!.id))?.answers).toHaveLength(1);
		await run.next();
		expect(run.current?.id).toBe('q-b');
	});

	it('finishes with a result, feeds wrong answers to study, and retries only the missed', async () => {
		const { run, db } = await started();
		await run.answer(RIGHT);
		await run.answer(WRONG);
		expect(run.phase).toBe('results');
		const first = run.attempt!;
		expect(first).toMatchObject({ percent: 50, passed: false, finishedAt: MOCK_NOW });
		expect(await db.get('quizAttempts', first.id)).toEqual(first);
		const logs = await db.getAll('reviewLogs');
		expect(logs.map((l) => [l.cardId, l.rating])).toEqual([['q-b', 1]]);
		await run.retryMissed();
		expect(run.phase).toBe('question');
		expect(run.attempt).toMatchObject({ cardIds: ['q-b'], retryOf: first.id, answers: [] });
		expect(run.finished.map((a) => a.id)).toEqual([first.id]);
	});

	it('records "I was right" as a self-graded right answer: counted, stored, no Again review', async () => {
		const { run, connection } = quiz();
		await run.load();
		await run.start('all', 'immediate', ['q-c']);
		const db = connection.open();
		await run.answer({ kind: 'text', text: 'the Russian envoy' });
		expect(run.feedback?.correct).toBe(false);
		expect(run.canSelfGrade).toBe(true);
		await run.selfGrade();
		expect(run.feedback).toMatchObject({ correct: true, selfGraded: true });
		expect(run.canSelfGrade).toBe(false);
		await run.next();
		expect(run.phase).toBe('results');
		expect(run.attempt).toMatchObject({ percent: 100, passed: true });
		const stored = await (await db).get('quizAttempts', run.attempt!.id);
		expect(stored?.answers[0]).toMatchObject({ correct: true, score: 1, selfGraded: true });
		const logs = await (await db).getAll('reviewLogs');
		expect(logs.filter((l) => l.cardId === 'q-c' && l.rating === 1)).toEqual([]);
	});

	it('resumes an unfinished attempt after a reload at the next question', async () => {
		const { run } = await started();
		await run.answer(RIGHT);
		const reloaded = quiz().run;
		await reloaded.load();
		expect(reloaded.phase).toBe('question');
		expect(reloaded.attempt?.id).toBe(run.attempt?.id);
		expect(reloaded.current?.id).toBe('q-b');
	});

	it('finishes on load an attempt whose every question was answered before the page closed', async () => {
		const { run, db } = await started('immediate');
		await run.answer(RIGHT);
		await run.next();
		await run.answer(WRONG);
		// The page closes while the last answer's feedback shows, before "See results".
		expect((await db.get('quizAttempts', run.attempt!.id))?.finishedAt).toBeNull();
		const reloaded = quiz({ now: MOCK_NOW + 60_000 }).run;
		await reloaded.load();
		expect(reloaded.phase).toBe('results');
		expect(reloaded.attempt).toMatchObject({ percent: 50, finishedAt: MOCK_NOW + 60_000 });
		expect((await db.get('quizAttempts', run.attempt!.id))?.finishedAt).toBe(MOCK_NOW + 60_000);
		expect(await db.count('reviewLogs')).toBe(1);
	});

	it('keeps the question and writes nothing when an answer cannot be stored', async () => {
		const { run, db, connection } = await started();
		const before = await db.getAll('quizAttempts');
		const store = IDBObjectStore.prototype;
		const put = store.put;
		store.put = function () {
			throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
		};
		try {
			await run.answer(RIGHT);
		} finally {
			store.put = put;
		}
		expect(run.attempt?.answers).toEqual([]);
		expect(run.current?.id).toBe('q-a');
		expect(run.busy).toBe(false);
		expect(connection.problem).toMatch(/out of storage space/);
		expect(await db.getAll('quizAttempts')).toEqual(before);
	});

	it('keeps the attempt unfinished, with nothing half-written, when finishing fails', async () => {
		const { run, db, connection } = await started();
		await run.answer(RIGHT);
		const add = IDBObjectStore.prototype.add;
		IDBObjectStore.prototype.add = function () {
			throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
		};
		try {
			await run.answer(WRONG);
		} finally {
			IDBObjectStore.prototype.add = add;
		}
		expect(run.phase).toBe('question');
		expect(connection.problem).toMatch(/out of storage space/);
		const stored = await db.get('quizAttempts', run.attempt!.id);
		expect(stored?.finishedAt).toBeNull();
		expect(await db.count('reviewLogs')).toBe(0);
		expect(await db.count('cardStates')).toBe(0);
	});
});
