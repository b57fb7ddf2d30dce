import { describe, expect, it } from 'vitest';
import type { Deck } from '$lib/decks/types';
import { mcqCard, trueFalseCard, typedCard } from '$lib/quiz/fixtures';
import { studentOrderSeed } from '$lib/api';
import { studentQuizOrder } from '$lib/quiz/student-order';
import { newMembership, saveMembership, type ClassAssignment } from '$lib/storage/classes';
import { StorageConnection } from '$lib/storage/connection.svelte';
import { classQuiz } from '$lib/storage/fixtures/class-assignment';
import { outboxItems } from '$lib/storage/outbox';
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
function quiz(clock = { now: MOCK_NOW }, assignmentCode: string | null = null) {
	let n = 0;
	const connection = new StorageConnection();
	const env = { now: () => clock.now, newId: () => `id-${clock.now}-${++n}`, newSeed: () => 7 };
	return { run: new QuizRun(deck, assignmentCode, env, connection), connection };
}

/** A class assignment of the deck's three questions, as the class's overview lists it. */
const CLASS_QUIZ = classQuiz({
	questionIds: ['q-a', 'q-b', 'q-c'],
	maxAttempts: null,
	counts: 'best',
	timeLimitMinutes: 10,
	effectiveTimeLimitMinutes: 15
});

/** A student who joined the class, on a fresh connection; returns a quiz page of its quiz. */
async function inClass(student: string, assignment: Partial<ClassAssignment> = {}) {
	const connection = new StorageConnection();
	await saveMembership(await connection.open(), {
		...newMembership({
			code: 'CKS2345',
			studentId: student,
			name: 'Ann Lee',
			studentNumber: '',
			joinedAt: MOCK_NOW - 60_000,
			memberKey: 'M'.repeat(43),
			className: 'Eurasia 101'
		}),
		sync: 'joined',
		overview: {
			class: { code: 'CKS2345', name: 'Eurasia 101', hasRoster: false },
			member: { studentId: student, name: 'Ann Lee', status: 'accepted', timeMultiplier: 1.5 },
			assignments: [{ ...CLASS_QUIZ, ...assignment }]
		},
		overviewAt: MOCK_NOW
	});
	connection.open().then((db) => db.close());
	const clock = { now: MOCK_NOW };
	const { run, connection: own } = quiz(clock, 'QUZ2345');
	await run.load();
	return { run, clock, db: await own.open() };
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

	describe('in a class', () => {
		it('needs no code of its own and draws the student’s own order of the same questions', async () => {
			const { run } = await inClass('student-ann-01');
			expect(run.assignment?.assignment.title).toBe('History quiz');
			await run.start('all', 'end');
			const expected = studentQuizOrder(
				CLASS_QUIZ.questionIds,
				studentOrderSeed('QUZ2345', 'student-ann-01')
			);
			expect(run.attempt).toMatchObject({
				cardIds: expected.questionIds,
				seed: expected.seed,
				assignmentCode: 'QUZ2345'
			});
			expect([...run.attempt!.cardIds].sort()).toEqual(['q-a', 'q-b', 'q-c']);
		});

		it('keeps the instructor’s order without shuffle, and starts nothing when closed', async () => {
			const plain = await inClass('student-ann-01', { shuffle: false });
			await plain.run.start('all', 'end');
			expect(plain.run.attempt?.cardIds).toEqual(['q-a', 'q-b', 'q-c']);
			plain.db.close();
			indexedDB.deleteDatabase('meridian');
			const closed = await inClass('student-ann-01', { closed: true });
			await closed.run.start('all', 'end');
			expect(closed.run.attempt).toBeNull();
			expect(closed.run.phase).toBe('start');
		});

		it('ends at the student’s time limit with every answer given kept and sent', async () => {
			const { run, clock, db } = await inClass('student-ann-01', { shuffle: false });
			await run.start('all', 'end');
			expect(run.timeAllowed).toBe(15 * 60_000);
			expect(run.deadline).toBe(MOCK_NOW + 15 * 60_000);
			clock.now += 60_000;
			await run.answer(RIGHT);
			await run.timeUp();
			expect(run.phase).toBe('question'); // not yet
			clock.now = MOCK_NOW + 15 * 60_000 + 400;
			await run.timeUp();
			expect(run.phase).toBe('results');
			// Scored over every question, as the server does: 1 of 3.
			expect(run.attempt).toMatchObject({ percent: 33.3, passed: false });
			expect(run.attempt?.answers).toHaveLength(1);
			const [item] = await outboxItems(db);
			expect(item?.body).toMatchObject({
				studentId: 'student-ann-01',
				startedAt: MOCK_NOW,
				finishedAt: MOCK_NOW + 15 * 60_000,
				answers: [{ cardId: 'q-a', response: RIGHT }]
			});
		});

		it('finishes on load an attempt whose time ran out while the page was closed', async () => {
			const first = await inClass('student-ann-01', { shuffle: false });
			await first.run.start('all', 'end');
			await first.run.answer(RIGHT);
			const clock = { now: MOCK_NOW + 20 * 60_000 };
			const reloaded = quiz(clock, 'QUZ2345').run;
			await reloaded.load();
			expect(reloaded.phase).toBe('results');
			expect(reloaded.attempt).toMatchObject({ id: first.run.attempt!.id, percent: 33.3 });
			const [item] = await outboxItems(first.db);
			expect(item?.body).toMatchObject({ finishedAt: MOCK_NOW + 15 * 60_000 });
		});
	});
});
