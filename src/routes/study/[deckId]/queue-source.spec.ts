import { describe, expect, it } from 'vitest';
import { typedCard } from '$lib/quiz/fixtures';
import { studyDay } from '$lib/srs/day';
import { Rating, type Grade } from '$lib/srs/states';
import { DEFAULT_SETTINGS } from '$lib/srs/settings';
import { changeMark } from '$lib/storage/card-marks';
import { openMeridianDB } from '$lib/storage/db';
import { recordReview } from '$lib/storage/reviews';
import { loadQueue } from './queue-source';

const NOW = new Date(2026, 0, 5, 12).getTime();
const DAY = 86_400_000;
const deck = { id: 'history', cards: ['a', 'b', 'c', 'd'].map((id) => typedCard(id, [], id)) };
const day = studyDay(NOW, DEFAULT_SETTINGS.dayStartHour);
const ids = (source: { queue: { card: { id: string } }[] }) => source.queue.map((e) => e.card.id);
const review = (
	db: Awaited<ReturnType<typeof openMeridianDB>>,
	cardId: string,
	at: number,
	rating: Grade = Rating.Good
) =>
	recordReview(db, DEFAULT_SETTINGS, {
		logId: `${cardId}-${at}`,
		cardId,
		rating,
		now: at,
		source: 'study'
	});

describe('loadQueue', () => {
	it('leaves suspended and buried cards out of today’s queue and of every custom study', async () => {
		const db = await openMeridianDB();
		await changeMark(db, 'a', { kind: 'suspend' }, NOW);
		await changeMark(db, 'b', { kind: 'bury', until: day.end }, NOW);
		await changeMark(db, 'c', { kind: 'flag', flag: 'red' }, NOW);
		expect(ids(await loadQueue(db, DEFAULT_SETTINGS, deck, 'today', NOW, day))).toEqual(['c', 'd']);
		const custom = { kind: 'new', count: 5 } as const;
		expect(ids(await loadQueue(db, DEFAULT_SETTINGS, deck, custom, NOW, day))).toEqual(['c', 'd']);
		// The burial ends with the study day.
		const tomorrow = studyDay(day.end + 1, DEFAULT_SETTINGS.dayStartHour);
		expect(
			ids(await loadQueue(db, DEFAULT_SETTINGS, deck, 'today', day.end + 1, tomorrow))
		).toEqual(['b', 'c', 'd']);
	});

	it('takes the smaller of the deck’s and the essay’s new-card limits', async () => {
		const db = await openMeridianDB();
		const settings = { ...DEFAULT_SETTINGS, newPerDay: 3, deckNewLimits: { history: 1 } };
		expect(ids(await loadQueue(db, settings, deck, 'today', NOW, day))).toEqual(['a']);
		// Two new cards of another deck today leave one of the essay's three.
		await review(db, 'other-1', NOW - 1000);
		await review(db, 'other-2', NOW - 1000);
		const noDeckLimit = { ...settings, deckNewLimits: {} };
		expect(ids(await loadQueue(db, noDeckLimit, deck, 'today', NOW, day))).toEqual(['a']);
		// Once "a" is studied, the deck's limit of one is used: "a" comes back on its learning
		// step, and no new card follows.
		await review(db, 'a', NOW - 500);
		const after = await loadQueue(db, settings, deck, 'today', NOW, day);
		expect(after.queue.map((e) => [e.card.id, e.state === null])).toEqual([['a', false]]);
	});

	it('reviews ahead and reviews forgotten cards', async () => {
		const db = await openMeridianDB();
		await review(db, 'a', NOW - 3 * DAY, Rating.Easy);
		await review(db, 'b', NOW - 1000, Rating.Again);
		const ahead = await loadQueue(
			db,
			DEFAULT_SETTINGS,
			deck,
			{ kind: 'ahead', days: 30 },
			NOW,
			day
		);
		expect(ids(ahead)).toEqual(['b', 'a']);
		const forgotten = await loadQueue(
			db,
			DEFAULT_SETTINGS,
			deck,
			{ kind: 'forgotten', days: 1 },
			NOW,
			day
		);
		expect(ids(forgotten)).toEqual(['b']);
	});
});
